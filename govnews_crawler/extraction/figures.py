"""Figures: numbers tied to a unit of measure or a counted noun, stated as facts."""

import re
from dataclasses import asdict, dataclass

from govnews_crawler.extraction import lexicons
from govnews_crawler.extraction.numbers import MULTIPLIERS, NUMBER, parse_number, scaled, to_number
from govnews_crawler.extraction.sentences import sentences

UNITS = {  # written unit -> (kind, canonical unit)
    "đồng": ("money", "VND"), "VNĐ": ("money", "VND"), "VND": ("money", "VND"), "đ": ("money", "VND"),
    "USD": ("money", "USD"), "đô la": ("money", "USD"), "đô la Mỹ": ("money", "USD"),
    "tấn": ("mass", "tấn"), "kg": ("mass", "kg"), "tạ": ("mass", "tạ"), "yến": ("mass", "yến"),
    "ha": ("area", "ha"), "héc ta": ("area", "ha"), "hecta": ("area", "ha"), "héc-ta": ("area", "ha"),
    "m2": ("area", "m2"), "m²": ("area", "m2"), "km2": ("area", "km2"), "km²": ("area", "km2"),
    "m3": ("volume", "m3"), "m³": ("volume", "m3"), "lít": ("volume", "lít"),
    "km": ("length", "km"), "m": ("length", "m"), "mét": ("length", "m"),
}
QUALIFIERS = {
    "trên": "over", "hơn": "over", "gần": "approx", "khoảng": "approx", "xấp xỉ": "approx",
    "ước đạt": "approx", "ước tính": "approx", "ước khoảng": "approx", "ước": "approx",
    "dưới": "under", "chưa đến": "under", "chưa tới": "under",
}
# Words right before a number that make it an ordinal or a name, whatever follows.
ORDINAL_BEFORE = re.compile(
    r"(?:\b(?:thứ|số|khóa|lần|đợt|mức độ|Covid|COVID|top|tốp|Nghị định|Thông tư|Quyết định|"
    r"Chỉ thị|Kế hoạch|Nghị quyết|Công văn|Luật)|[/#№])\s*$",
    re.IGNORECASE,
)
# Words right before a number that make it a date part or an identifier when no
# unit of measure follows ('tổ 5 xã', 'tháng 10 xã' are no counts).
IDENTIFIER_BEFORE = re.compile(
    r"\b(?:năm|tháng|ngày|quý|tuần|giai đoạn|kỳ|phiên|điều|khoản|chương|mục|tổ|xóm|thôn|khối|"
    r"đội|phường|quận|quốc lộ|tỉnh lộ|QL|ĐT|TL|DT|lô|thửa|tờ|cấp|hạng|loại|lớp|khu|cụm|tuyến|"
    r"đường|mã|trang|phòng|căn|Km|km|giờ|lúc)\s*$",
    re.IGNORECASE,
)
# Spans that are never figures: dates, times, document numbers, disease names.
MASKS = re.compile(
    r"\b\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}\b"
    r"|\b\d{1,2}\s*[-.]\s*\d{1,2}\s*[-.]\s*\d{4}\b"
    r"|\b\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?(?!\d)"
    r"|\b(?:ngày|sáng|chiều|trưa|tối|hôm|từ|đến)\s+(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}\b"
    r"|(?-i:\b\d+[\w.]*\s*/\s*(?:\d+\s*/\s*)?[A-ZĐ]{2}[\w-]*)"
    r"|\b(?:Covid|COVID|covid|SARS-CoV)\s*[–-]?\s*\d+"
    r"|\b(?:19|20)\d{2}\s*[–-]\s*(?:19|20)\d{2}\b",
    re.IGNORECASE,
)
TIME_NOUNS = re.compile(r"\s*(?:năm|tháng|ngày|tuần|giờ|phút|giây|quý|thập kỷ|kỳ|học kỳ|nhiệm kỳ)\b", re.I)
PERCENT = re.compile(r"\s*(?:%|phần trăm\b)")
COMPARED_TO = re.compile(
    r"^\s*(?:so với\s+|của\s+)?(?P<basis>kế hoạch|KH|dự toán|chỉ tiêu|cùng kỳ(?:\s+năm\s+(?:trước|\d{4}))?|"
    r"năm trước|tháng trước|kỳ trước|quý trước|Nghị quyết|NQ|tổng số)\b"
)
MEASURE_VERB = re.compile(
    r"\b(?:ước đạt|đạt được|đạt|được|là|bằng|chiếm|có|với|tăng|giảm|gồm|thu hút|huy động|vượt|lên)\s*$"
)
MEASURE_TRIM = re.compile(
    r"\s+(?:\d+\s+tháng|trong|năm\s+\d|trên địa bàn|của|tại|toàn huyện|toàn tỉnh|toàn thị xã|từ đầu năm)\b.*$"
)
MEASURE_LEAD = re.compile(r"^(?:và|trong đó|đồng thời|tuy nhiên|riêng|đã|với)\s+", re.I)

_NUMBER_OR_RATIO = re.compile(rf"(?<![\w.,/])(?P<num>{NUMBER})(?:\s*/\s*(?P<den>\d+))?(?![\d/])")
_MULTIPLIER = re.compile(r"\s*(?P<word>nghìn|ngàn|triệu|tỷ|tỉ)\b")
_TRAILING_NUMBER = re.compile(rf"\s*(?P<num>{NUMBER})\s*(?P<word>nghìn|ngàn|triệu)\b")


@dataclass
class Figure:
    text: str
    kind: str
    value: int | float
    unit: str
    qualifier: str | None
    measure: str | None
    compared_to: str | None
    sentence: str
    denominator: int | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        if self.denominator is None:
            del data["denominator"]
        return data


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UNIT = re.compile(rf"\s*(?P<unit>{_alternation(UNITS)})(?![\w²³])")
_COUNT = re.compile(rf"\s+(?P<noun>{_alternation(lexicons.load('count_nouns'))})(?!\w)", re.IGNORECASE)
_QUALIFIER = re.compile(rf"(?:^|\s)(?P<q>{_alternation(QUALIFIERS)})\s*$", re.IGNORECASE)


def find_figures(body: str) -> list[dict]:
    """Every figure of a body, in order of appearance."""
    found = []
    for sentence in sentences(body):
        found.extend(f.as_dict() for f in figures_in_sentence(sentence))
    return found


def figures_in_sentence(sentence: str) -> list[Figure]:
    masked = MASKS.sub(lambda m: " " * len(m.group()), sentence)
    figures = []
    position = 0
    for match in _NUMBER_OR_RATIO.finditer(masked):
        if match.start() < position:
            continue  # consumed by the previous figure ('563 tỷ 859 triệu')
        before = masked[: match.start()]
        if ORDINAL_BEFORE.search(before):
            continue
        figure = _read_figure(sentence, masked, match)
        if figure is not None and figure.kind in ("count", "ratio") and IDENTIFIER_BEFORE.search(before):
            continue
        if figure is not None:
            figures.append(figure)
            position = match.start() + len(figure.text)
    return figures


def _read_figure(sentence: str, masked: str, match: re.Match) -> Figure | None:
    start, end = match.start(), match.end()
    rest = masked[end:]
    if match["den"]:
        noun = _COUNT.match(rest)
        if not noun:
            return None
        kind, unit, value, end = "ratio", noun["noun"], parse_number(match["num"]), end + noun.end()
    else:
        read = _read_quantity(match["num"], rest)
        if read is None:
            return None
        kind, unit, value, length = read
        end += length
    qualifier_match = _QUALIFIER.search(masked[:start])
    qualifier = None
    if qualifier_match:
        qualifier = QUALIFIERS[qualifier_match["q"].lower()]
        start = qualifier_match.start("q")
    if re.match(r"\s*trở lên", masked[end:]):
        qualifier = qualifier or "over"
    compared = COMPARED_TO.match(masked[end:]) if kind == "percent" else None
    return Figure(
        text=sentence[start:end],
        kind=kind,
        value=value,
        unit=unit,
        qualifier=qualifier,
        measure=_measure(masked[:start]),
        compared_to=compared["basis"] if compared else None,
        sentence=sentence,
        denominator=int(match["den"]) if match["den"] else None,
    )


def _read_quantity(number: str, rest: str) -> tuple[str, str, int | float, int] | None:
    """Kind, unit, value and the length read after the number, or None."""
    if TIME_NOUNS.match(rest):
        return None
    percent = PERCENT.match(rest)
    if percent:
        return "percent", "%", parse_number(number), percent.end()
    multiplier, consumed = 1, 0
    while found := _MULTIPLIER.match(rest, consumed):
        multiplier *= MULTIPLIERS[found["word"].lower()]
        consumed = found.end()
    value = scaled(number, multiplier)
    while multiplier > 1000 and (more := _TRAILING_NUMBER.match(rest, consumed)):
        smaller = MULTIPLIERS[more["word"].lower()]
        if smaller >= multiplier:
            break
        value += scaled(more["num"], smaller)  # '563 tỷ 859 triệu'
        multiplier, consumed = smaller, more.end()
    unit = _UNIT.match(rest, consumed)
    if unit:
        kind, canonical = UNITS[unit["unit"]] if unit["unit"] in UNITS else UNITS[unit["unit"].lower()]
        return kind, canonical, to_number(value), unit.end()
    noun = _COUNT.match(rest, consumed)
    if noun:
        return "count", noun["noun"], to_number(value), noun.end()
    if multiplier >= 10**9:
        return "money", "VND", to_number(value), consumed  # 'thu ngân sách 54 tỷ'
    return None


def _measure(before: str) -> str | None:
    """What a figure measures: the clause's subject before its verb ('thu ngân sách')."""
    clause = re.split(r"[,;:.()]", before)[-1]
    verb = MEASURE_VERB.search(clause)
    if not verb:
        return None
    subject = MEASURE_LEAD.sub("", MEASURE_TRIM.sub("", clause[: verb.start()].strip()))
    if re.search(r"\d", subject):
        return None
    words = subject.split()
    return " ".join(words) if 1 <= len(words) <= 8 else None
