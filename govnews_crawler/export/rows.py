"""Items to the rows of every table, values already of the schema's Python types."""

from datetime import date, datetime

from govnews_crawler.export.people import Mention, person_row, resolve
from govnews_crawler.extraction.indicators import catalogue
from govnews_crawler.extraction.period import period_order


def _day(stamp: str | None) -> date | None:
    try:
        return date.fromisoformat(stamp[:10]) if stamp else None
    except ValueError:
        return None


def _instant(stamp: str | None) -> datetime | None:
    """A timestamp with its offset; ``None`` for a bare day or no value."""
    if not stamp or len(stamp) <= 10:
        return None
    moment = datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else None


def _number(value) -> float | None:
    return None if value is None else float(value)


def source_columns(item: dict) -> dict:
    """What each child row carries of its report."""
    published, event = _day(item.get("published_at")), _day(item.get("event_date"))
    day = published or event
    return {"url": item.get("url"), "portal": item.get("portal"), "unit": item.get("unit"),
            "province": item.get("province"), "report_title": item.get("title"),
            "published_at": _instant(item.get("published_at")), "published_date": published, "event_date": event,
            "year": day.year if day else None}


def report_row(item: dict) -> dict:
    source = source_columns(item)
    return {
        **{k: item.get(k) for k in ("url", "archive_url", "portal", "unit", "province", "title", "category")},
        **{k: source[k] for k in ("published_at", "published_date", "event_date", "year")},
        "event_part_of_day": item.get("event_part_of_day"), "is_meeting": item.get("is_meeting"),
        "meeting_kinds": list(item.get("meeting_kinds") or []), "author": item.get("author"),
        "view_count": item.get("view_count"), "n_officials": len(item.get("officials") or []),
        "n_figures": len(item.get("figures") or []), "image_captions": list(item.get("image_captions") or []),
        "revision": item.get("revision") or 1, "content_sha1": item.get("content_sha1"),
        "crawled_at": _instant(item.get("crawled_at")), "extractor": item.get("extractor"), "body": item.get("body"),
    }


def figure_row(source: dict, figure: dict) -> dict:
    return {**source, "text": figure.get("text"), "kind": figure.get("kind"), "value": _number(figure.get("value")),
            "denominator": _number(figure.get("denominator")), "unit_of_measure": figure.get("unit"),
            **{k: figure.get(k) for k in ("qualifier", "measure", "compared_to", "period", "indicator", "sentence")}}


def indicator_row(source: dict, figure: dict, names: dict[str, str], version: str) -> dict:
    return {"unit": source["unit"], "province": source["province"], "portal": source["portal"],
            "period": figure.get("period"), "indicator": figure["indicator"], "indicator_name": names[figure["indicator"]],
            "value": _number(figure.get("value")), "unit_of_measure": figure.get("unit"), "kind": figure.get("kind"),
            "basis": figure.get("compared_to"), "qualifier": figure.get("qualifier"), "measure": figure.get("measure"),
            "text": figure.get("text"), "url": source["url"], "published_date": source["published_date"],
            "event_date": source["event_date"], "year": source["year"], "indicators_version": version}


def tables(items: list[dict]) -> dict[str, list[dict]]:
    """Every table's rows: reports, officials, figures, indicators, people, appearances."""
    version, indicators = catalogue()
    names = {i.code: i.name for i in indicators}
    reports, figures, series, mentions = [], [], [], []
    sources: dict[str, dict] = {}
    for item in items:
        source = source_columns(item)
        sources[item["url"]] = source
        reports.append(report_row(item))
        for official in item.get("officials") or []:
            mentions.append(Mention(item["url"], item.get("province"), official["name"], tuple(official.get("titles") or ()),
                                    tuple(official.get("roles") or ()), source["event_date"] or source["published_date"],
                                    item.get("unit")))
        for figure in item.get("figures") or []:
            figures.append(figure_row(source, figure))
            if figure.get("indicator") in names:
                series.append(indicator_row(source, figure, names, version))
    people = resolve(mentions)
    appearances = [{"person_id": p.person_id, **sources[m.url], "name": m.name, "titles": list(m.titles),
                    "roles": list(m.roles)} for p in people for m in p.mentions]
    appearances.sort(key=lambda r: (r["url"], r["name"]))
    officials = [{k: r[k] for k in ("url", "portal", "unit", "province", "report_title", "published_at", "published_date",
                                    "event_date", "year", "person_id", "name", "titles", "roles")} for r in appearances]
    series.sort(key=lambda r: (r["province"] or "", r["unit"] or "", r["indicator"],
                               period_order(r["period"]) if r["period"] else (0, 0, 0), r["url"]))
    return {"reports": reports, "officials": officials, "figures": figures, "indicators": series,
            "people": sorted((person_row(p) for p in people), key=lambda r: (r["province"] or "", r["name"])),
            "appearances": appearances}
