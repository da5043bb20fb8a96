"""``govnews capture PORTAL URL``: save a real page as a test fixture, with a meta
file and a draft expected JSON for a person to review (the City Scrapers /
Fundus workflow). Pages go to ``tests/fixtures/portals/<key>/<name>.html``.

One page is fetched with the standard library, not a crawl: a capture is a single
request an operator makes by hand, and the saved bytes must be the answer's own.
"""

import argparse
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from parsel import Selector
from w3lib.encoding import html_body_declared_encoding

from govnews_crawler.cli import parse_listing
from govnews_crawler.cli.scrapy_settings import add_set_option, scrapy_overrides
from govnews_crawler.common.atomic import write_atomic, write_json_atomic
from govnews_crawler.common.clock import utc_now_iso
from govnews_crawler.platforms import PLATFORMS, Platform
from govnews_crawler.registry import Portal, load_portals
from govnews_crawler.sources.wayback import CdxError, parse_cdx

FIXTURES = Path("tests/fixtures/portals")
KEPT_HEADERS = ("Content-Type", "Last-Modified", "Date", "Server", "X-Archive-Src", "Memento-Datetime")


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser("capture", help="save a real page of a portal as a test fixture, with a draft expected JSON")
    parser.add_argument("portal", help="the portal's registry key (its spider name)")
    parser.add_argument("url", help="the page's address on the portal (one of its hosts, http or https)")
    parser.add_argument("--archive", action="store_true", help="save the archive's newest capture of the page")
    parser.add_argument("--name", help="file name without suffix (default: from the address)")
    parser.add_argument("--into", type=Path, default=FIXTURES, help=f"fixtures folder (default: {FIXTURES})")
    parser.add_argument("--base-url", help="fetch from this mirror of the portal instead (as the spider's -a base_url)")
    add_set_option(parser, "a Scrapy setting (WAYBACK_ENDPOINT, USER_AGENT)")
    return parser


def run(args: argparse.Namespace) -> int:
    from scrapy.utils.project import get_project_settings

    portals = load_portals()
    portal = portals.get(args.portal)
    if portal is None:
        print(f"govnews capture: unknown portal {args.portal!r}; see `govnews portals`", file=sys.stderr)
        return 2
    if not own_address(args.url, portal.hosts):
        print(f"govnews capture: {args.url} is not an http(s) address of {portal.key} ({', '.join(portal.hosts)})",
              file=sys.stderr)
        return 2
    overrides = scrapy_overrides(args)
    settings = get_project_settings()
    settings.setdict(overrides, priority="cmdline")
    agent = settings.get("USER_AGENT")
    try:
        if args.archive:
            body, meta = archive_capture(settings.get("WAYBACK_ENDPOINT"), args.url, agent)
        else:
            body, meta = live_page(args.url, args.base_url, agent)
    except (OSError, CdxError, LookupError) as problem:
        print(f"govnews capture: {args.url}: {problem}", file=sys.stderr)
        return 1
    folder = args.into / portal.key
    name = args.name or file_name(args.url)
    draft = draft_expected(body, args.url, era_template(portal, args.url, meta.get("timestamp")))
    write_atomic(folder / f"{name}.html", body)
    write_json_atomic(folder / f"{name}.meta.json", {"portal": portal.key, **meta})
    write_json_atomic(folder / f"{name}.expected.json", draft)
    print(f"saved {folder / name}.html ({draft['kind']}, read by {draft['platform']}); "
          f"review {folder / name}.expected.json and set \"reviewed\": true")
    return 0


def own_address(url: str, hosts: tuple[str, ...]) -> bool:
    """Whether ``url`` is http(s) on one of ``hosts`` ('www.' aside)."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.netloc.removeprefix("www.") in {h.removeprefix("www.") for h in hosts}


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed only to the host asked (http or https): never elsewhere."""

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        if not own_address(newurl, (urlsplit(req.full_url).netloc,)):
            raise OSError(f"HTTP {code}: redirected off the host to {newurl}; not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def live_page(url: str, base_url: str | None, agent: str) -> tuple[bytes, dict[str, Any]]:
    target = url
    if base_url:
        parts = urlsplit(url)
        target = base_url.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")
    body, status, headers = _get(target, agent)
    return body, {"url": url, "fetched_from": target, "fetched_at": utc_now_iso(), "status": status, "headers": headers}


def archive_capture(endpoint: str, url: str, agent: str) -> tuple[bytes, dict[str, Any]]:
    """The newest 200 capture of one address: a CDX query, then its raw ``id_`` bytes."""
    parts = urlsplit(url)
    query = urlencode([("url", parts.netloc + parts.path + (f"?{parts.query}" if parts.query else "")),
                       ("output", "json"), ("fl", "timestamp,original,statuscode,mimetype,digest"),
                       ("filter", "statuscode:200")])
    listing, _, _ = _get(f"{endpoint.rstrip('/')}/cdx/search/cdx?{query}", agent)
    captures, _ = parse_cdx(listing.decode("utf-8"))
    if not captures:
        raise LookupError("the archive holds no capture of it")
    newest = max(captures, key=lambda c: c.timestamp)
    raw = f"{endpoint.rstrip('/')}/web/{newest.timestamp}id_/{newest.original}"
    body, status, headers = _get(raw, agent)
    return body, {"url": newest.original, "archive_url": raw, "timestamp": newest.timestamp,
                  "captured_at": _iso(newest.timestamp), "status": status, "headers": headers}


def era_template(portal: Portal, url: str, timestamp: str | None) -> Platform:
    """The template of the portal's era for that host and capture time."""
    return PLATFORMS[portal.era_at(timestamp, urlsplit(url).netloc).platform]


def saved_template(meta: dict[str, Any]) -> Platform:
    """The template a saved page is read with: its portal's era, or, for a page of a
    host with no registry entry (one found in a public mirror), the platform its meta names."""
    key = meta.get("portal")
    if key:
        return era_template(load_portals()[key], meta["url"], meta.get("timestamp"))
    return PLATFORMS[meta["platform"]]


def draft_expected(body: bytes, url: str, template: Platform) -> dict[str, Any]:
    """What ``template`` reads on the page, for a person to check and correct."""
    text = body.decode(html_body_declared_encoding(body) or "utf-8", errors="replace")
    page = Selector(text=text)
    draft: dict[str, Any] = {"reviewed": False, "platform": template.name, "url": url}
    if parse_listing.is_listing(page, url, template):
        entries = template.listing(page, url)
        return {**draft, "kind": "listing", "next_page": template.next_page(page, url),
                "entries": [{"url": e.url, "title": e.title, "published": e.published} for e in entries]}
    fields = template.parse_article(page, url)
    source = fields.get("source_text") or ""
    return {**draft, "kind": "article", **{k: fields.get(k) for k in ARTICLE_FIELDS},
            "source_start": source[:60], "source_end": source[-60:]}


ARTICLE_FIELDS = ("title", "published_at", "date_line", "author", "image_captions", "extractor")


def file_name(url: str) -> str:
    parts = urlsplit(url)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", (parts.path + " " + parts.query).strip()).strip("-").lower()
    return slug[-80:].strip("-") or "index"


def _get(url: str, agent: str) -> tuple[bytes, int, dict[str, str]]:
    request = urllib.request.Request(url, headers={"User-Agent": agent})
    try:
        with urllib.request.build_opener(_SameHostRedirects).open(request, timeout=60) as answer:
            return answer.read(), answer.status, {k: v for k in KEPT_HEADERS if (v := answer.headers.get(k))}
    except urllib.error.HTTPError as error:
        raise OSError(f"HTTP {error.code} from {url}") from None


def _iso(timestamp: str) -> str:
    t = timestamp.ljust(14, "0")
    return f"{t[:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"
