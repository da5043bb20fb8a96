"""Figures of the body: money, percentages, masses, areas, counts; each with its period and indicator."""

from datetime import date

from govnews_crawler.extraction.figures import find_figures
from govnews_crawler.extraction.indicators import indicator_of
from govnews_crawler.extraction.period import figure_period
from govnews_crawler.pipelines.base import ArticlePipeline


def _day(stamp: str | None) -> date | None:
    try:
        return date.fromisoformat(stamp[:10]) if stamp else None
    except ValueError:
        return None


class FiguresPipeline(ArticlePipeline):
    def process(self, adapter):
        body = adapter.get("body") or ""
        figures = find_figures(body)
        day = _day(adapter.get("event_date")) or _day(adapter.get("published_at"))
        for figure in figures:
            figure["period"] = figure_period(figure, body, adapter.get("title"), day)
            figure["indicator"] = indicator_of(figure)
        adapter["figures"] = figures
        self.count("figures", len(figures))
        self.count("figures_with_indicator", sum(1 for f in figures if f["indicator"]))
