"""Figures of the body: money, percentages, masses, areas, counts."""

from govnews_crawler.extraction.figures import find_figures
from govnews_crawler.pipelines.base import ArticlePipeline


class FiguresPipeline(ArticlePipeline):
    def process(self, adapter):
        figures = find_figures(adapter.get("body") or "")
        adapter["figures"] = figures
        self.count("figures", len(figures))
