"""Figures: numbers tied to a unit of measure or a counted noun, stated as facts."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from govnews_crawler.extraction import lexicons
from govnews_crawler.extraction.numbers import MULTIPLIERS, NUMBER, parse_number, scaled, to_number
from govnews_crawler.extraction.sentences import sentences
from govnews_crawler.extraction.text import opening_on

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
    r"(?:\b(?:thứ|(?<!tổng )(?<!dân )(?<!đa )(?<!con )(?<!hệ )số|khóa|lần|đợt|mức độ|Covid|COVID|top|tốp|Nghị định|Thông tư|Quyết định|"
    r"Chỉ thị|Kế hoạch|Nghị quyết|Công văn|Luật)|[/#№])\s*$",
    re.IGNORECASE,
)
# Words right before a number that make it a date part or an identifier when no
# unit of measure follows ('tổ 5 xã', 'tháng 10 xã' are no counts).
IDENTIFIER_BEFORE = re.compile(
    r"\b(?:năm|tháng|ngày|quý|tuần|giai đoạn|kỳ|phiên|điều|khoản|chương|mục|tổ|xóm|thôn|khối|"
    r"đội|phường|quận|quốc lộ|tỉnh lộ|QL|ĐT|TL|DT|lô|thửa|tờ|hạng|loại|lớp|khu|cụm|tuyến|tầng|"
    r"đường|mã|trang|phòng|căn|Km|km|giờ|lúc)\s*$",
    re.IGNORECASE,
)
# Spans that are never figures: dates, times, document numbers, disease names.
MASKS = opening_on(  # a digit, or the first letter of a word branch
    r"\dnsctđhNSCTĐH",
    r"\b\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}\b"
    r"|\b\d{1,2}\s*[-.]\s*\d{1,2}\s*[-.]\s*\d{4}\b"
    r"|\b\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?(?!\d)"
    r"|\b(?:ngày|sáng|chiều|trưa|tối|hôm|từ|đến)\s+(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}\b"
    r"|(?-i:\b\d+[\w.]*\s*/\s*(?:\d+\s*/\s*)?[A-ZĐ]{2}[\w-]*)"
    r"|\b(?:Covid|COVID|covid|SARS-CoV)\s*[–-]?\s*\d+"
    r"|\b(?:19|20)\d{2}\s*[–-]\s*(?:19|20)\d{2}\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# The longest word the *_BEFORE patterns end on, with room for their look-behinds.
_BEFORE_REACH = 24
TIME_NOUNS = re.compile(r"\s*(?:năm|tháng|ngày|tuần|giờ|phút|giây|quý|thập kỷ|kỳ|học kỳ|nhiệm kỳ|tuổi)\b", re.IGNORECASE)
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
MEASURE_LEAD = re.compile(r"^(?:(?:và|trong đó|đồng thời|tuy nhiên|riêng|đã|với|có)\s+)+", re.IGNORECASE)
# Words that name an amount but not what it measures ('với tổng số tiền 480 triệu đồng').
GENERIC_MEASURE = re.compile(r"^(?:tổng số tiền|số tiền|tổng số|tổng cộng|tổng|số lượng|thêm|mới)$", re.IGNORECASE)
# The number of something as a count's subject, before its verb ('nâng tổng số trường đạt chuẩn lên 31 trường').
COUNT_SUBJECT = re.compile(r"(?<!\S)(?P<m>(?:tổng số|số lượng|dân số|số)\s+[^\W\d].*)$", re.IGNORECASE)
# A connector inside a clause: what follows it is the noun phrase measured ('hộ với dân số').
CONNECTOR = re.compile(r"\b(?:với|có|là|gồm)\s+")
# A money noun written after the amount names its measure ('58,3 tỷ đồng vốn đầu tư công').
MEASURE_AFTER = re.compile(r"^\s+(?P<m>(?:vốn|kinh phí|nguồn vốn|ngân sách|tiền)(?:\s+[^\W\d]+){0,4}?)(?=\s*(?:[,;.()]|$|\s+(?:cho|để|từ|tại|trong|và|đạt|của)\b))")
# Between two figures, only a verb: the second measures what the first does ('đạt 96 tỷ đồng, tăng 12,8%').
SAME_MEASURE = re.compile(r"^\s*,?\s*(?:bằng|tăng|giảm|đạt|vượt|chiếm|bằng khoảng|tương đương)?\s*$")
# A sentence's own label: 'Kinh phí hỗ trợ xây dựng nhà ở: hỗ trợ …'.
LABEL = re.compile(r"^(?P<label>[^\d:;,.]{3,80}):\s")
# A number of 1 after 'trên'/'mỗi' with a unit is a rate basis ('210 triệu đồng trên 1 ha'), no figure.
RATE_BASIS = re.compile(r"(?:\btrên|\bmỗi|/)\s*$", re.IGNORECASE)
# Words that, right after a number, show it counts nothing ('1 số', '3 lần', '2 và').
NOT_COUNTED = frozenset(
    ["và", "hoặc", "với", "của", "cho", "đến", "tới", "trong", "trên", "dưới", "tại", "là", "được", "đã", "đang", "sẽ", "có", "không", "này", "đó", "so", "theo", "từ", "lần", "số", "phần", "điểm", "bậc", "độ", "trở", "lên", "xuống", "nữa", "thì", "mà", "như", "khi", "vào", "ra", "ở", "về", "bị", "do", "nên"]
)
CLASSIFIERS = frozenset(["liều", "đơn", "vị", "xuất", "suất", "chiếc", "cái", "con", "bộ", "tấm", "cuốn", "quyển", "bao", "thùng", "lượt"])
_ABBREVIATION = re.compile(r"\s+(?P<noun>[A-ZĐ]{2,6})(?![\w])")
_OPEN_NOUN = re.compile(r"\s+(?P<words>[a-zđà-ỹ]+(?:[ -][a-zđà-ỹ]+){0,3})")

_NUMBER_OR_RATIO = re.compile(rf"(?<![\d.,/])(?<![^\W\d]\d)(?P<num>{NUMBER})(?:\s*/\s*(?P<den>\d+))?(?![\d/])")
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
        data = dict(vars(self))  # the fields in order; every value a scalar
        if self.denominator is None:
            del data["denominator"]
        return data


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# "đồng chí" (comrades) is a counted noun, not the currency.
_UNIT = re.compile(rf"\s*(?P<unit>{_alternation(UNITS)})(?![\w²³])(?!\s+chí\b)")
_COUNT = re.compile(rf"\s+(?P<noun>{_alternation(lexicons.load('count_nouns'))})(?!\w)", re.IGNORECASE)
_QUALIFIER = re.compile(rf"(?:^|\s)(?P<q>{_alternation(QUALIFIERS)})\s*$", re.IGNORECASE)


def find_figures(body: str) -> list[dict]:
    """Every figure of a body, in order of appearance."""
    found: list[dict] = []
    for sentence in sentences(body):
        found.extend(f.as_dict() for f in figures_in_sentence(sentence))
    return found


def figures_in_sentence(sentence: str) -> list[Figure]:
    """The figures of one sentence, each with its measure and basis."""
    if not _DIGIT.search(sentence):
        return []
    masked = MASKS.sub(lambda m: " " * len(m.group()), sentence)
    figures: list[Figure] = []
    position = 0
    previous: Figure | None = None
    for match in _NUMBER_OR_RATIO.finditer(masked):
        if match.start() < position or _not_a_figure(masked, match):
            continue
        read = _read_figure(sentence, masked, match, position)
        if read is None:
            continue
        figure, end = read
        if figure.kind in ("count", "ratio") and _ends_on(IDENTIFIER_BEFORE, masked, match.start()):
            continue
        if previous is not None and previous.measure and SAME_MEASURE.match(masked[position: match.start()]):
            figure.measure = previous.measure
        figures.append(figure)
        previous, position = figure, end
    return figures


def _ends_on(pattern: re.Pattern[str], text: str, end: int) -> bool:
    """Whether ``text[:end]`` ends on ``pattern`` (a word and white space, then ``$``),
    searched from just before its last word: not from every position of the sentence."""
    last_word_end = len(text[:end].rstrip())
    return pattern.search(text, max(0, last_word_end - _BEFORE_REACH), end) is not None


def _not_a_figure(masked: str, match: re.Match[str]) -> bool:
    """An ordinal, a number glued to a word that is not a percentage, or a rate basis."""
    start, rest = match.start(), masked[match.end():]
    if _ends_on(ORDINAL_BEFORE, masked, start):
        return True
    if masked[start - 1: start].isalpha() and not PERCENT.match(rest):
        return True  # 'H5N1', 'F0'; but 'bằng104,2%' is a figure
    return match["num"] == "1" and _ends_on(RATE_BASIS, masked, start) and bool(_UNIT.match(rest))


def _read_figure(sentence: str, masked: str, match: re.Match[str], floor: int) -> tuple[Figure, int] | None:
    """The figure at a number and where it ends; ``floor`` is where the previous one ended."""
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
    qualifier_match = _QUALIFIER.search(masked[floor:start])
    qualifier = None
    if qualifier_match:
        qualifier = QUALIFIERS[qualifier_match["q"].lower()]
        start = floor + qualifier_match.start("q")
    if re.match(r"\s*trở lên", masked[end:]):
        qualifier = qualifier or "over"
    compared = COMPARED_TO.match(masked[end:]) if kind == "percent" else None
    after = MEASURE_AFTER.match(masked[end:]) if kind == "money" else None
    measure = after["m"] if after else _measure(masked[floor:start], counted=kind == "count")
    position = end + (after.end() if after else 0)
    if measure is None and kind != "count":
        label = LABEL.match(sentence)
        measure = label["label"].strip() if label and label.end() <= start else None
    figure = Figure(
        text=sentence[start:end],
        kind=kind,
        value=value,
        unit=unit,
        qualifier=qualifier,
        measure=measure,
        compared_to=compared["basis"] if compared else None,
        sentence=sentence,
        denominator=int(match["den"]) if match["den"] else None,
    )
    return figure, position


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
    counted = _counted_noun(number, rest[consumed:], open_vocabulary=multiplier < 10**9)
    if counted:
        return "count", counted[0], to_number(value), consumed + counted[1]
    if multiplier >= 10**9:
        return "money", "VND", to_number(value), consumed  # 'thu ngân sách 54 tỷ'
    return None


def _counted_noun(number: str, rest: str, open_vocabulary: bool = True) -> tuple[str, int] | None:
    """The noun a number counts and the length read: the lexicon's longest entry, an
    abbreviation ('25 DN'), else any noun phrase (open vocabulary), head word first:
    a classifier keeps its noun ('liều vắc xin'), a dictionary compound is kept whole
    ('tờ trình', 'giấy chứng nhận'), else the first syllable ('vườn mẫu' -> 'vườn')."""
    noun = _COUNT.match(rest)
    if noun:
        return noun["noun"], noun.end()
    abbreviation = _ABBREVIATION.match(rest)
    if abbreviation:
        return abbreviation["noun"], abbreviation.end()
    phrase = _OPEN_NOUN.match(rest) if open_vocabulary else None
    if phrase is None or _looks_like_year(number):
        return None
    words = phrase["words"].replace("-", " ").split()
    if words[0] in NOT_COUNTED:
        return None
    head = 2 if " ".join(words[:2]) in CLASSIFIERS else 1 if words[0] in CLASSIFIERS else 0
    size = next((n for n in (3, 2) if head + n <= len(words) and " ".join(words[head:head + n]) in lexicons.compounds()), 1)
    unit_words = words[: head + size]
    if len(unit_words) > len(words):
        return None
    length = phrase.start("words") + len(" ".join(unit_words))
    return rest[phrase.start("words"): length], length


def _looks_like_year(number: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d{2}", number))


def _measure(before: str, counted: bool = False) -> str | None:
    """What a figure measures: the clause's subject before its verb ('thu ngân sách'),
    else the noun phrase right before the number ('Diện tích lúa khoảng 830 ha').
    A count takes only a noun phrase after a connector ('với dân số 5.320 người') or
    the number of something before its verb ('tổng số hộ nghèo là 120 hộ')."""
    clause = re.split(r"[,;:.()]", before)[-1].strip()
    verb = MEASURE_VERB.search(clause)
    if counted:
        if verb:
            number_of = COUNT_SUBJECT.search(clause[: verb.start()].strip())
            return _measure_words(number_of["m"]) if number_of else None
        connected = list(CONNECTOR.finditer(clause))
        if not connected:
            return None
        clause = clause[connected[-1].end():]
    subject = clause[: verb.start()].strip() if verb else CONNECTOR.split(clause)[-1]
    return _measure_words(subject)


def _measure_words(subject: str) -> str | None:
    """A measure's words, trimmed of place and time phrases; None when generic or too long."""
    subject = MEASURE_LEAD.sub("", MEASURE_TRIM.sub("", subject)).strip()
    if not subject or GENERIC_MEASURE.match(subject):
        return None
    words = subject.split()
    return " ".join(words) if 1 <= len(words) <= 10 else None
