"""Publication and event dates: date lines, body leads and year inference."""

import re
from collections import Counter
from datetime import date, datetime

from dateutil import tz

from govnews_crawler.extraction.text import opening_on

VIETNAM = tz.tzoffset("ICT", 7 * 3600)  # UTC+7 all year, no DST since 1975

_D = r"(?P<d>\d{1,2})"
_M = r"(?P<m>\d{1,2})"
_Y = r"(?P<y>\d{4})"
_SEP = r"\s*[/.-]\s*"
FULL_DATE = re.compile(rf"(?<![\d/]){_D}{_SEP}{_M}{_SEP}{_Y}(?![\d/])")
TIME = re.compile(r"(?<![\d/])(?P<h>\d{1,2})\s*[:hg]\s*(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\s*(?P<ampm>SA|CH|AM|PM))?(?![\d/])", re.IGNORECASE)
WORDY_DATE = re.compile(rf"ngày\s+{_D}\s+tháng\s+{_M}\s+năm\s+{_Y}", re.IGNORECASE)

# Labels and filler a date line may carry besides its date, time and counter.
_DATE_LINE_FILLER = re.compile(
    r"Ngày đăng|Đăng ngày|Ngày xuất bản|Ngày cập nhật|Cập nhật|Xuất bản|Đăng lúc|Ngày|Lúc|"
    r"Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|\d)|Chủ nhật|View count|Lượt xem|lượt xem|Số lượt xem|"
    r"Lượt đọc|Tác giả|SA|CH|AM|PM|GMT\+?7|[\d\s|:/.,()+–-]",
    re.IGNORECASE,
)
_SERVED_TODAY = re.compile(r"Hôm nay", re.IGNORECASE)

PART_OF_DAY = {"sáng": "morning", "trưa": "noon", "chiều": "afternoon", "tối": "evening", "đêm": "evening"}
_PART = r"(?P<part>sáng|trưa|chiều|tối|đêm)"
# "Sáng ngày 30/6", "Chiều 26/10", "Ngày 25/7", "sáng nay (30/6)", "vào ngày 14/12/2020"
_EVENT_LEAD = (
    rf"(?:\b{_PART}(?:\s+(?:nay|qua|hôm nay|hôm qua|mai))?\s*(?:\(\s*)?(?:ngày|hôm|thứ\s+\w+,?)?\s*"
    rf"|\b(?:ngày|hôm nay|hôm qua)\s+(?:\(\s*)?)"
)
# More days of the same month after the first: 'các ngày 8, 9/11', '27-28/7', 'từ ngày 20 đến ngày 22 tháng 3'.
_MORE_DAYS = r"(?:\s*(?:,|và|–|-|đến)\s*(?:ngày\s+)?\d{1,2}(?=\s*(?:,|và|–|-|đến|/|tháng)))*"
# Both open on a lead's first letter.
EVENT_DATE = opening_on("stcđnh", rf"{_EVENT_LEAD}{_D}{_MORE_DAYS}\s*[/-]\s*{_M}(?:\s*[/-]\s*{_Y})?(?![\d/])", re.IGNORECASE)
WORDY_EVENT_DATE = opening_on("stcđnh", rf"{_EVENT_LEAD}{_D}{_MORE_DAYS}\s+tháng\s+{_M}(?:\s+năm\s+{_Y})?", re.IGNORECASE)
# Any day/month of the opening, when no lead names the day ('Trong 2 ngày (29-30/6)').
BARE_DATE = re.compile(rf"(?<![\d/.,]){_D}\s*/\s*{_M}(?:\s*/\s*{_Y})?(?![\d/.,])")
# A cited document right before a date: 'Kế hoạch số 35/KH-UBND ngày 2/3/2023', 'Luật Thi đua, khen thưởng ngày …'.
_DOCUMENT_BEFORE = re.compile(
    r"(?:(?:số|Số)\s*:?\s*\d+[\w/.-]*|\d+\s*/\s*[A-ZĐ][\w-]*"
    r"|(?-i:\b(?:Luật|Bộ luật|Quyết định|Kế hoạch|Công văn|Thông báo|Nghị quyết|Chỉ thị|Thông tư|Nghị định|"
    r"Hướng dẫn|Tờ trình)\b)[^.;:()\d\n]{0,60}?)\s*(?:ban hành\s+)?$"
)
# A year, also before a comma or full stop that ends a clause ('năm 2022, …').
YEAR = re.compile(r"(?<![\d/])(?<!\d[.,])(?P<y>(?:19|20)\d{2})(?![\d/]|[.,]\d)")
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}\s*[–-]\s*(?:19|20)\d{2}")
_YEAR_SPAN = re.compile(r"((?:19|20)\d{2})\s*[–-]\s*((?:19|20)\d{2})")
_PERIOD_YEAR = re.compile(
    r"(?:tháng\s+\d{1,2}|quý\s+[IV\d]+|\d+\s+tháng(?:\s+(?:đầu|cuối))?|đầu|cuối|giữa)\s+năm\s+(?P<y>(?:19|20)\d{2})"
    r"|tháng\s+\d{1,2}\s*/\s*(?P<y2>(?:19|20)\d{2})",
    re.IGNORECASE,
)
EARLIEST_YEAR = 2000


def looks_like_date_line(line: str) -> bool:
    """A line that holds a publication date and nothing else of substance.

    'Ngày đăng 29/07/2020 | 07:50 | View count: 755' and '21:27 27/06/2020' are;
    'Ngày 25/7, UBND huyện tổ chức…' and the served-today header
    'Hôm nay, Thứ hai ngày 10/08/2020' are not.
    """
    if len(line) > 90 or _SERVED_TODAY.search(line) or not FULL_DATE.search(line):
        return False
    return len(_DATE_LINE_FILLER.sub("", line)) <= 2


def parse_date_line(line: str) -> str | None:
    """ISO 8601 publication time of a date line, Vietnam time; date only without a time."""
    found = FULL_DATE.search(line) or WORDY_DATE.search(line)
    if not found:
        return None
    try:
        day = date(int(found["y"]), int(found["m"]), int(found["d"]))
    except ValueError:
        return None
    clock = TIME.search(line[: found.start()] + " " + line[found.end():])
    if not clock:
        return day.isoformat()
    hour, minute, second = int(clock["h"]), int(clock["mi"]), int(clock["s"] or 0)
    ampm = (clock["ampm"] or "").upper()
    if ampm in ("CH", "PM") and hour < 12:
        hour += 12
    elif ampm in ("SA", "AM") and hour == 12:
        hour = 0
    try:
        moment = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=VIETNAM)
    except ValueError:
        return day.isoformat()
    return moment.isoformat()


def date_from_url(url: str) -> str | None:
    """A publication date written in an address (`/portal/pages/2020-12-14/…`)."""
    found = re.search(r"/(?P<y>20\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})/", url or "")
    if not found:
        return None
    try:
        return date(int(found["y"]), int(found["m"]), int(found["d"])).isoformat()
    except ValueError:
        return None


def find_event(body: str, published: str | None) -> tuple[str | None, str | None]:
    """The meeting's date (YYYY-MM-DD) and part of day from the body's opening.

    A year missing in the body comes from the publication date, else from the
    year the body is about; a date later than its publication is a year earlier.
    """
    paragraphs = body.split("\n\n")
    match = _first_event_match("\n".join(paragraphs[:2])) or _first_event_match("\n".join(paragraphs[2:]), bare=False)
    if match is None:
        return None, None
    part = PART_OF_DAY.get((match.groupdict().get("part") or "").lower())
    day, month = int(match["d"]), int(match["m"])
    year = int(match["y"]) if match["y"] else _year_for(day, month, published, body)
    if year is None:
        return None, part
    try:
        return date(year, month, day).isoformat(), part
    except ValueError:
        return None, None


def _first_event_match(text: str, bare: bool = True) -> re.Match[str] | None:
    """The first date of a text that is not a document's date: one with a
    lead ('Sáng ngày 30/6', 'Ngày 25/7') first, else (``bare``) any day/month."""
    led = sorted([*EVENT_DATE.finditer(text), *WORDY_EVENT_DATE.finditer(text)], key=lambda m: m.start())
    for matches in (led, BARE_DATE.finditer(text) if bare else ()):
        for match in matches:
            if not (1 <= int(match["d"]) <= 31 and 1 <= int(match["m"]) <= 12):
                continue
            if _DOCUMENT_BEFORE.search(text[max(0, match.start() - 80): match.start()]):
                continue
            return match
    return None


def _year_for(day: int, month: int, published: str | None, body: str) -> int | None:
    if published:
        pub = date.fromisoformat(published[:10])
        try:
            candidate = date(pub.year, month, day)
        except ValueError:
            return pub.year
        return pub.year - 1 if candidate > pub else pub.year
    return _valid_year(day, month, body_year(body), body)


def _valid_year(day: int, month: int, year: int | None, body: str) -> int | None:
    """The body's year, or when the day does not exist in it (29/2) the nearest
    year of a range the body names ('nhiệm kỳ 2021 – 2026') in which it does."""
    if year is None or _exists(year, month, day):
        return year
    spans = [range(int(a), int(b) + 1) for a, b in _YEAR_SPAN.findall(body)]
    years = sorted({y for span in spans for y in span if _exists(y, month, day)}, key=lambda y: abs(y - year))
    return years[0] if years else year


def _exists(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def body_year(body: str) -> int | None:
    """The year a body is about: its full dates, then periods of a year
    ('6 tháng đầu năm 2020', 'tháng 11 năm 2020'), then any year outside ranges."""
    plausible = lambda y: y >= EARLIEST_YEAR
    for years in (
        [int(m["y"]) for m in FULL_DATE.finditer(body)],
        [int(m["y"] or m["y2"]) for m in _PERIOD_YEAR.finditer(body)],
        [int(m["y"]) for m in YEAR.finditer(_YEAR_RANGE.sub(" ", body))],
        [int(m["y"]) for m in YEAR.finditer(body)],
    ):
        years = [y for y in years if plausible(y)]
        if years:
            counts = Counter(years).most_common()
            best = max(n for _, n in counts)
            return max(y for y, n in counts if n == best)
    return None
