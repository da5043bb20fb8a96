"""Split an article's raw text into title, date line, body, captions and byline.

The raw text is what a reader copies from the page (the `.txt` seeds) or what a
spider reads from the article's container, one block a line: a section line, the
title, a date line, paragraphs, photo placeholders, captions, the byline and page
furniture may all be there. Image positions may be marked with ``IMAGE_MARK``.
"""

import itertools
import re
from dataclasses import dataclass, field

from govnews_crawler.extraction.dates import looks_like_date_line
from govnews_crawler.extraction.text import normalize_text

IMAGE_MARK = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: where an <img> stood

# Lines of page furniture anywhere, and markers after which only furniture follows.
FURNITURE = re.compile(
    r"^(?:Đánh giá:?|lượt đánh giá.*|Bình luận|Mã xác thực.*|Bản đồ .{0,40}|"
    r"Các ca khúc hay .{0,40}|Liên kết website|Thống kê:? ?[\d.,]*|Online:? ?[\d.,]*|"
    r"Số lượt truy cập:? ?[\d.,]*|Lượt truy cập:? ?[\d.,]*|Đang truy cập:? ?[\d.,]*|"
    r"Email ?Print ?Aa.*|In bài|Gửi email|Chia sẻ|Về đầu trang|Quay lại|Bản in|"
    r"Tin liên quan:?|Các tin khác:?|Tin khác:?|Tin cùng chuyên mục:?|Bài viết liên quan:?|"
    r"Xem thêm:?|Từ khóa:?.*|Tags?:.*|Lượt xem:? ?[\d.,]+(?: lượt xem)?|"
    r"View count:? ?[\d.,]+|Số lượt xem:? ?[\d.,]+(?: lượt xem)?|\(?Lượt đọc:? ?[\d.,]+\)?|"
    r"Facebook|Twitter|Zalo|Print|Tweet|Like|Share)$",
    re.IGNORECASE,
)
# A footer marker is the whole line, or the line's label ('Bình luận (3)', 'Đánh giá: 4/5'):
# a paragraph that merely opens with the word ('Đánh giá kết quả 9 tháng, …') is body.
FOOTER_START = re.compile(
    r"^(?:(?:Đánh giá|Bình luận|Tin liên quan|Các tin khác|Tin khác|Tin cùng chuyên mục|"
    r"Bài viết liên quan|Liên kết website)\s*(?::.*|\(\d+\))?|Mã xác thực.*|.*lượt đánh giá.*)$",
    re.IGNORECASE,
)
BULLET = re.compile(r"^[•·▪►»]\s*")
# Furniture above the title: the served-today header, poll widgets, URL-slug banners.
TOP_FURNITURE = re.compile(
    r"^(?:Hôm nay,?\s+(?:Thứ|Chủ nhật).*|Thăm dò ý kiến|Bình chọn|.*\?|.*\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b.*)$",
    re.IGNORECASE,
)
# A line that opens like a photo caption: who or what the picture shows.
CAPTION_SUBJECT = re.compile(
    r"^(?:Quang cảnh|Toàn cảnh|Các đại biểu|Đại biểu|Đồng chí|Đ/c|Lãnh đạo|Cán bộ|Ảnh|Hình ảnh)\b"
)
CAPTION_SCENE = re.compile(r"\b(?:tại|dự|phát biểu|kết luận|chỉ đạo|trao|tặng|thăm|kiểm tra|làm việc)\b")
VIEW_COUNT = re.compile(r"(?:View count|Lượt xem|Số lượt xem|Lượt đọc)\s*:?\s*(\d[\d.,]*)", re.IGNORECASE)

# A photo placeholder: the alt text or file name left where an image was.
PLACEHOLDER = re.compile(
    rf"^(?:{IMAGE_MARK}.*|%image_alt%|\S*\d\S*|[a-z]{{1,6}}\d*|[A-Z]{{1,6}}\d*|"
    r"\S+\.(?:jpe?g|png|gif|webp)|ảnh|Ảnh|hình|Hình|image|img)$"
)
LEAD_DATE = re.compile(
    r"^(?:(?:Sáng|Chiều|Trưa|Tối|Đêm)(?: nay| qua| hôm nay)?|Ngày|Hôm nay|Hôm qua|Vào|Trong ngày)"
    r"\b.{0,25}?\d{1,2}\s*[/-]\s*\d{1,2}",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?…:;\"”’»)\]]$")
INNER_SENTENCE = re.compile(r"[.!?…]\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ]")
LIST_ITEM = re.compile(r"^(?:[-+•*·–]\s|\d+[.)]\s|[a-zđ][.)]\s|[IVX]+[.)/]\s)")
BYLINE_LABEL = re.compile(
    r"^(?:Tin,? ảnh|Tin và ảnh|Bài,? ảnh|Bài và ảnh|Tin|Bài|Nguồn tin|Nguồn|Tác giả|"
    r"Người viết|Theo|PV|Phóng viên)\s*:?\s*",
    re.IGNORECASE,
)
PHOTO_CREDIT = re.compile(r"\s*[–-]?\s*\(?Ảnh\s*:?\s*[^)]*\)?\s*$")
NAME_WORD = re.compile(r"^[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰ][^\s]*$")
MAX_CAPTION = 300
MAX_TITLE = 350


@dataclass
class ArticleParts:
    """What ``split_article`` finds in a raw article text."""

    title: str | None = None
    category: str | None = None
    date_line: str | None = None
    view_count: int | None = None
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    author: str | None = None

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def split_article(raw: str, title: str | None = None) -> ArticleParts:
    """Split raw article text into its parts.

    ``title``: the title when the page gave it apart; a line equal to it is dropped,
    and no other line is taken for the title.
    """
    blocks = _join_wrapped(normalize_text(raw).split("\n"))
    parts = ArticleParts(title=title)
    blocks = _drop_footer(blocks, parts)
    blocks = _take_header(blocks, parts)
    blocks = _take_date_lines(blocks, parts)
    blocks = _take_byline(blocks, parts)
    _sort_paragraphs(blocks, parts)
    return parts


def _join_wrapped(lines: list[str]) -> list[str]:
    """Blocks of the text, hard-wrapped lines re-joined.

    A run of lines with no blank line between is hard-wrapped when a line break
    falls mid-sentence (no end punctuation before it, a lowercase word or a
    number after it); in such a run every break not after end punctuation is a wrap.
    """
    blocks: list[str] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if line:
            run.append(line)
            continue
        blocks.extend(_join_run(run))
        run = []
    return blocks


def _join_run(run: list[str]) -> list[str]:
    """One run of consecutive lines, re-joined where it is hard-wrapped; a photo
    placeholder is a block of its own and no evidence of wrapping."""
    pairs = [(a, b) for a, b in itertools.pairwise(run) if not (PLACEHOLDER.match(a) or PLACEHOLDER.match(b))]
    if not any(not SENTENCE_END.search(a) and re.match(r"[a-zđà-ỹ\d]", b) for a, b in pairs):
        return run
    joined = [run[0]]
    for line in run[1:]:
        ended = SENTENCE_END.search(joined[-1]) and not joined[-1].endswith((";", ","))
        if ended or PLACEHOLDER.match(line) or PLACEHOLDER.match(joined[-1]):
            joined.append(line)
        else:
            joined[-1] = f"{joined[-1]} {line}"
    return joined


def _drop_footer(blocks: list[str], parts: ArticleParts) -> list[str]:
    """Cut the page footer and furniture lines, keeping a view count if one is shown."""
    kept = []
    for index, block in enumerate(blocks):
        if index > 0 and FOOTER_START.match(block):
            break
        if FURNITURE.match(BULLET.sub("", block)):
            _take_view_count(block, parts)
            continue
        kept.append(block)
    return kept


def _take_view_count(block: str, parts: ArticleParts) -> None:
    found = VIEW_COUNT.search(block)
    if found and parts.view_count is None:
        parts.view_count = int(re.sub(r"[.,]", "", found.group(1)))


def _take_header(blocks: list[str], parts: ArticleParts) -> list[str]:
    """Take the section line, the title and furniture from the top of copied text.

    The title is the last heading (a title-like line without end punctuation)
    before the body; a heading above it is the section line.
    """
    rest = list(blocks)
    for _ in range(5):
        if not rest:
            break
        first = rest[0]
        if parts.title and first.casefold() == parts.title.casefold():
            rest.pop(0)
        elif looks_like_date_line(BULLET.sub("", first)):
            parts.date_line = parts.date_line or BULLET.sub("", first)
            _take_view_count(first, parts)
            rest.pop(0)
        elif parts.title is None and len(rest) > 1 and TOP_FURNITURE.match(first):
            rest.pop(0)
        elif parts.title is None and len(rest) > 1 and _is_caption_line(first):
            parts.captions.append(rest.pop(0))
        elif parts.title is None and len(rest) > 1 and _is_title(first) and not re.search(r"[;,:]$", first):
            following = next((b for b in rest[1:] if not looks_like_date_line(BULLET.sub("", b))), "")
            heading = rest.pop(0)
            if TOP_FURNITURE.match(following):
                continue  # the label of a widget: 'Thăm dò ý kiến' above its question
            if _is_heading(following):
                parts.category = parts.category or heading
            else:
                parts.title = heading
        elif _is_section_line(first) and parts.category is None and len(rest) > 1:
            parts.category = rest.pop(0)
        else:
            break
    return rest


def _is_heading(block: str) -> bool:
    """A title-like line: no end punctuation save '?' or '!'."""
    return bool(block) and _is_title(block) and not re.search(r"[.;,:…]$", block)


def _is_caption_line(block: str) -> bool:
    """A photo caption at the top: a scene of people at the event ('Đồng chí X phát biểu tại …')."""
    return (
        bool(CAPTION_SUBJECT.match(block) and CAPTION_SCENE.search(block))
        and len(block) <= MAX_CAPTION
        and not SENTENCE_END.search(block)
    )


def _is_section_line(block: str) -> bool:
    letters = [c for c in block if c.isalpha()]
    return len(block) <= 60 and bool(letters) and all(c.isupper() for c in letters)


def _is_title(block: str) -> bool:
    """A first line is a title unless it reads like the body's opening."""
    return (
        len(block) <= MAX_TITLE
        and not LEAD_DATE.match(block)
        and not INNER_SENTENCE.search(block)
        and not PLACEHOLDER.match(block)
    )


def _take_date_lines(blocks: list[str], parts: ArticleParts) -> list[str]:
    """Take date lines near the top or the bottom of the text."""
    kept = []
    for index, block in enumerate(blocks):
        near_edge = index < 3 or index >= len(blocks) - 2
        if near_edge and looks_like_date_line(block):
            parts.date_line = parts.date_line or block
            _take_view_count(block, parts)
        else:
            kept.append(block)
    return kept


def _take_byline(blocks: list[str], parts: ArticleParts) -> list[str]:
    """The last short line naming people is the byline."""
    if len(blocks) < 2:
        return blocks
    author = byline_author(blocks[-1])
    if author is None:
        return blocks
    parts.author = parts.author or author
    return blocks[:-1]


def byline_author(block: str) -> str | None:
    """The person name(s) of a byline, or None when the line is not a byline.

    'Thanh Xuân – TTVHTT&TT huyện' -> 'Thanh Xuân'; 'Tin, ảnh: Hữu Hoàn' -> 'Hữu Hoàn';
    'Tin: Hải Yến – Ảnh: Minh Đức' -> 'Hải Yến'.
    """
    line = block.strip(" .")
    if len(line) > 80 or re.search(r"[!?:;…]$", line):
        return None
    line = BYLINE_LABEL.sub("", line)
    line = PHOTO_CREDIT.sub("", line) if not line.startswith("Ảnh") else ""
    names = []
    for piece in re.split(r"\s+[–-]\s+|\s*,\s*|\s+và\s+", line):
        words = piece.split()
        if 2 <= len(words) <= 4 and all(NAME_WORD.match(w) and not w.isupper() for w in words):
            names.append(piece)
        elif not names:
            return None
        else:
            break  # the unit after the name: 'TTVHTT&TT huyện', 'Đài TT-TH'
    return ", ".join(names) if names else None


def _sort_paragraphs(blocks: list[str], parts: ArticleParts) -> None:
    """Drop placeholders, move captions to ``captions``, keep the rest as body."""
    after_placeholder = False
    for index, block in enumerate(blocks):
        if PLACEHOLDER.match(block):
            after_placeholder = True
            continue
        if (after_placeholder and _is_placed_caption(block)) or _is_bare_caption(block, index):
            parts.captions.append(block.removeprefix(IMAGE_MARK).strip())
        else:
            parts.paragraphs.append(block)
        after_placeholder = False


def _is_placed_caption(block: str) -> bool:
    """A line right after an image is its caption unless it reads as a body paragraph
    (a date lead, a clause list with ';' or ':', or more than one short sentence)."""
    return (
        len(block) <= MAX_CAPTION
        and len(block.split()) <= 40
        and not re.search(r"[;:]", block.rstrip(":"))
        and not LEAD_DATE.match(block)
    )


def _is_bare_caption(block: str, index: int) -> bool:
    """A caption with no placeholder before it: one short line with no full stop that
    opens like a caption (who or what the photo shows)."""
    return (
        index > 0
        and len(block) <= MAX_CAPTION
        and len(block.split()) >= 5
        and bool(CAPTION_SUBJECT.match(block))
        and not SENTENCE_END.search(block)
        and not INNER_SENTENCE.search(block)
        and not re.search(r"[;:]", block)
    )
