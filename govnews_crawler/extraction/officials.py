"""Officials: named people with a public or party post, their titles and roles.

Rules over tokens, no statistical model (underthesea's ``ner()`` finds about half
the seed officials at precision 0.26): an honorific (``đồng chí``, ``ông``, ``đ/c``),
a post before a name (``Chủ tịch UBND huyện Nguyễn Xuân Thanh``) or a post in
apposition after it (``Phùng Thành Vinh – Bí thư Huyện ủy, Chủ tịch UBND huyện``)
anchors a name; a surname list and a place gazetteer keep places out.
"""

import re
from dataclasses import dataclass, field

from govnews_crawler.extraction import lexicons
from govnews_crawler.extraction.sentences import sentences
from govnews_crawler.extraction.text import fold_key

TOKEN = re.compile(r"\w+(?:[&/.'-]\w+)*|[^\w\s]")
HONORIFICS = (
    ("đồng", "chí"), ("đ/c",), ("ông",), ("bà",),
    ("đại", "tá"), ("thượng", "tá"), ("trung", "tá"), ("thiếu", "tá"),
    ("đại", "úy"), ("thượng", "úy"), ("trung", "úy"), ("thiếu", "úy"),
    ("thiếu", "tướng"), ("trung", "tướng"), ("anh",), ("chị",),
    ("ts",), ("ths",), ("pgs",), ("gs",), ("bs",), ("pgs.ts",), ("gs.ts",), ("ts.bs",), ("ths.bs",),
)
HONORIFIC_INDEX: dict[str, list[tuple[str, ...]]] = {}
for _words in HONORIFICS:
    HONORIFIC_INDEX.setdefault(_words[0], []).append(_words)
STRONG_HONORIFICS = {("đồng", "chí"), ("đ/c",)}
ACADEMIC = {"ts", "ths", "pgs", "gs", "bs", "ks", "cn", "ls", "pgs.ts", "gs.ts", "ts.bs", "ths.bs"}
LOCATION_WORDS = {"huyện", "tỉnh", "xã", "thị xã", "thành phố", "phường", "thị trấn", "quận", "thôn", "xóm", "bản"}
LOWER_IN_TITLES = {"huyện", "tỉnh", "xã", "thị", "trấn", "phường", "quận", "thành", "phố",
                   "thôn", "xóm", "bản", "khối", "nhân", "dân", "nhà", "nước", "ủy", "ban"}
TITLE_DELIMITERS = {",", ";", ".", ":", "(", ")", "–", "-", "!", "?", "…", '"', "“", "”"}
MAX_TITLE_TOKENS = 14

# (role, pattern) in the order roles are listed; lowercase, matched on lowercased text
# (a case-insensitive pattern opening on a Vietnamese letter is tried at every position).
ROLE_CUES = (
    ("co_chair", re.compile(r"\bđồng chủ trì\b")),
    ("chair", re.compile(r"(?<!đồng )\bchủ trì\b")),
    ("attendee", re.compile(
        r"\b(?:tham dự|đến dự|cùng dự|có mặt|làm việc với|tiếp và làm việc|cùng đi|tháp tùng|tiếp xúc cử tri)\b"
        r"|\bdự(?!\s+(?:án|thảo|toán|kiến|báo|trữ|phòng|thi|định|luật|tính|bị))\b")),
    ("speaker", re.compile(r"\b(?:phát biểu|báo cáo|trình bày|đề nghị|giải trình|nhấn mạnh|cho biết)\b")),
    ("concluder", re.compile(r"\bkết luận\b")),
    ("head_of_delegation", re.compile(r"\b(?:trưởng đoàn|dẫn đầu)\b")),
)
ROLE_ORDER = [role for role, _ in ROLE_CUES]
# A plural honorific opens a list that runs on past ';' ('các đồng chí: A, …; B và C, …').
PLURAL_HONORIFIC = re.compile(r"\bcác\s+(?:đồng chí|đ/c|ông|bà)\b")  # on lowercased text
# Lowercase words that end a title: verbs and role cues after the post ('… huyện chủ trì').
NOT_IN_TITLE = frozenset(
    ["chủ", "trì", "phát", "biểu", "dự", "tham", "cùng", "đã", "đang", "sẽ", "và", "tại", "với", "làm", "việc", "kết", "luận", "báo", "cáo", "trình", "bày", "đề", "nghị", "nhấn", "mạnh", "cho", "biết", "yêu", "cầu", "chỉ", "đạo", "dẫn", "đầu", "đi", "thăm", "tặng", "trao", "khen", "có", "được", "là"]
)
MAX_TITLE_TAIL = 6


@dataclass
class Official:
    name: str
    titles: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    strong: bool = False  # anchored by 'đồng chí' / 'đ/c'
    affiliated: bool = False  # named with a membership, not a post ('đảng viên Chi bộ …')

    def as_dict(self) -> dict:
        return {"name": self.name, "titles": self.titles, "roles": self.roles}


class Token:
    """A word or punctuation mark of a clause, with what the rules ask of it."""

    __slots__ = ("end", "is_abbr", "is_cap", "low", "start", "text")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        self.low, self.is_cap, self.is_abbr = _SHAPES.get(text) or _shape(text)


_SHAPES: dict[str, tuple[str, bool, bool]] = {}  # a word's shape, worked out once
_MAX_SHAPES = 65536


def _shape(text: str) -> tuple[str, bool, bool]:
    """A word's case-folded form, and whether it is Capitalised or an ABBREVIATION."""
    is_cap = text[:1].isupper() and (len(text) == 1 or text[1:].islower()) and text.isalpha()
    letters = [c for c in text if c.isalpha()]
    shape = text.casefold(), is_cap, len(letters) >= 2 and all(c.isupper() for c in letters)
    if len(_SHAPES) >= _MAX_SHAPES:
        _SHAPES.clear()
    _SHAPES[text] = shape
    return shape


def _post_index() -> dict[str, list[tuple[str, ...]]]:
    """Posts keyed by their first token, longest first, as case-folded token tuples."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for post in lexicons.load("posts"):
        words = tuple(w.casefold() for w in TOKEN.findall(post))
        index.setdefault(words[0], []).append(words)
    for options in index.values():
        options.sort(key=len, reverse=True)
    return index


POSTS = _post_index()
CANONICAL_POST = {tuple(w.casefold() for w in TOKEN.findall(p)): p for p in lexicons.load("posts")}
SURNAMES = lexicons.folded("surnames")
# Where a person's mention can begin: an honorific, a post, or a surname.
STARTERS = frozenset(HONORIFIC_INDEX) | frozenset(POSTS)
_WORD = re.compile(r"\w+(?:/\w+)?")
PLACES = lexicons.folded("places")


def find_officials(body: str, captions: list[str] | tuple[str, ...] = ()) -> list[dict]:
    """Officials of an article, once each, in order of first mention in the body.

    A person is output with a post, or with 'đồng chí' and no affiliation in its place.
    """
    people: dict[str, Official] = {}
    for sentence in [*sentences(body), *captions]:
        roles_before: list[str] = []
        carried: tuple[bool] | None = None
        for clause in sentence.split(";"):
            found, roles = _people_in_clause(clause, carried)
            roles = roles or roles_before
            roles_before = roles
            carried = (True,) if found and (carried or PLURAL_HONORIFIC.search(clause.lower())) else None
            for person in found:
                _merge(people, person, roles)
    return [p.as_dict() for p in people.values() if p.titles or (p.strong and not p.affiliated)]


def _merge(people: dict[str, Official], person: Official, roles: list[str]) -> None:
    key = fold_key(person.name)
    known = people.setdefault(key, Official(person.name))
    known.strong = known.strong or person.strong
    known.affiliated = known.affiliated or person.affiliated
    for title in person.titles:
        _add_title(known.titles, title)
    known.roles = [r for r in ROLE_ORDER if r in known.roles or r in roles]


def _add_title(titles: list[str], title: str) -> None:
    """Add a title unless it is a short form of one held; a full form replaces a short one."""
    key = fold_key(title)
    for index, held in enumerate(titles):
        held_key = fold_key(held)
        if held_key == key or held_key.startswith(key + " "):
            return
        if key.startswith(held_key + " "):
            titles[index] = title
            return
    titles.append(title)


def _people_in_clause(clause: str, carried: tuple[bool] | None = None) -> tuple[list[Official], list[str]]:
    """The people named in a clause, and the role cues of the clause outside their names.

    ``carried``: the clause goes on with a list opened before ';' ('các đồng chí').
    A post after a coordinated list of names goes to each of them.
    """
    if carried is None and STARTERS.isdisjoint(_WORD.findall(clause.casefold())):
        return [], _roles(clause)
    tokens = [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(clause)]
    people: list[Official] = []
    spans: list[tuple[int, int]] = []
    groups: list[list[Official]] = []
    i, chained = 0, carried
    while i < len(tokens):
        token = tokens[i]
        if chained is None and token.low not in STARTERS and not (token.is_cap and token.low in SURNAMES):
            i += 1
            continue
        parsed = _parse_person(tokens, i, chained)
        if parsed is None:
            i, chained = i + 1, None
            continue
        person, start, end = parsed
        if chained is None or not groups:
            groups.append([])
        groups[-1].append(person)
        people.append(person)
        spans.append((tokens[start].start, tokens[end - 1].end))
        # 'đồng chí A và B', 'các đồng chí A, B': the honorific carries over the list
        if end < len(tokens) and tokens[end].low in ("và", ","):
            i, chained = end + 1, (person.strong,)
        else:
            i, chained = end, None
    for group in groups:
        _share_titles(group)
    blanked = clause
    for start, end in spans:
        blanked = blanked[:start] + " " * (end - start) + blanked[end:]
    return people, _roles(blanked)


def _roles(text: str) -> list[str]:
    """The roles whose cues the text holds."""
    low = text.lower()
    return [role for role, cue in ROLE_CUES if cue.search(low)]


def _share_titles(group: list[Official]) -> None:
    """'A, B và C, Phó Chủ tịch UBND huyện': the post after the last name is each one's."""
    titles = group[-1].titles
    for person in group[:-1]:
        if not person.titles and titles:
            person.titles = list(titles)
            person.affiliated = False


def _parse_person(
    tokens: list[Token], i: int, chained: tuple[bool] | None = None
) -> tuple[Official, int, int] | None:
    """A person starting at token i: [honorific] [post…] Name [, post…]*.

    ``chained``: the person follows a listed one ('đồng chí A và B'), whose
    honorific (strong or not) anchors this name too.
    """
    start = i
    honorific = _match_honorific(tokens, i)
    strong = honorific in STRONG_HONORIFICS or bool(chained and chained[0])
    if chained and not honorific:
        honorific = ("chained",)
    elif honorific:
        i += len(honorific)
        while i < len(tokens) and (tokens[i].text == ":" or tokens[i].low.strip(".") in ACADEMIC or tokens[i].text == "."):
            i += 1
    titles = []
    if _match_post(tokens, i):
        title_end, name_start = _parse_title(tokens, i)
        if name_start is None:
            return None
        titles.append(_title_text(tokens, i, title_end))
        i = title_end
    name_end = _match_name(tokens, i, anchored=bool(honorific) or bool(titles))
    if name_end is None:
        return None
    name = " ".join(t.text for t in tokens[i:name_end])
    i = name_end
    while True:
        j = i
        while j < len(tokens) and tokens[j].text in {",", "–", "-", "(", ":"} and j - i < 2:
            j += 1
        if not _match_post(tokens, j):
            break
        title_end, _ = _parse_title(tokens, j)
        titles.append(_title_text(tokens, j, title_end))
        i = title_end
        if i < len(tokens) and tokens[i].text == ")":
            i += 1
    if not (honorific or titles):
        return None
    affiliated = not titles and _affiliation_after(tokens, i)
    return Official(name, titles, strong=strong, affiliated=affiliated), start, i


def _affiliation_after(tokens: list[Token], i: int) -> bool:
    """A name followed by ', <lowercase noun phrase>' that is no post ('đảng viên Chi bộ thôn …')."""
    return (
        i + 1 < len(tokens) and tokens[i].text == "," and tokens[i + 1].text.islower()
        and tokens[i + 1].text.isalpha() and tokens[i + 1].low not in NOT_IN_TITLE
    )


def _match_honorific(tokens: list[Token], i: int) -> tuple[str, ...] | None:
    if i >= len(tokens):
        return None
    for words in HONORIFIC_INDEX.get(tokens[i].low, ()):
        if tuple(t.low for t in tokens[i:i + len(words)]) == words:
            return words
    return None


def _match_post(tokens: list[Token], i: int) -> tuple[str, ...] | None:
    options = POSTS.get(tokens[i].low, ()) if i < len(tokens) else ()
    if not options:
        return None
    lows = tuple(t.low for t in tokens[i:i + len(options[0])])  # options run longest first
    for words in options:
        if lows[: len(words)] == words:
            return words
    return None


def _parse_title(tokens: list[Token], i: int) -> tuple[int, int | None]:
    """Read a title from its post at i. Returns its end, and where a name begins
    when the title runs into one ('Chủ tịch UBND huyện Nguyễn Xuân Thanh')."""
    post = _match_post(tokens, i) or ()
    k = i + len(post)
    previous_kind = "post"
    while k < len(tokens) and k - i < MAX_TITLE_TOKENS:
        token = tokens[k]
        if token.text in TITLE_DELIMITERS or _match_honorific(tokens, k):
            break
        if token.is_cap and token.low in SURNAMES:
            place_end = _gazetteer_place(tokens, k)
            if place_end == k and _match_name(tokens, k, anchored=True):
                return k, k  # 'Chủ tịch UBND huyện Nguyễn Xuân Thanh'
            if place_end > k:  # 'Trường THCS Lê Lợi', 'tỉnh Hà Tĩnh'
                k, previous_kind = place_end, "place"
                continue
        if previous_kind == "location" and token.is_cap:
            k = _skip_place(tokens, k)
            previous_kind = "place"
            continue
        if token.is_cap or token.is_abbr:
            previous_kind = "cap" if token.is_cap else "abbr"
        elif token.text.isdigit() and previous_kind == "location":
            previous_kind = "place"
        elif token.low == "và" and k + 1 < len(tokens) and tokens[k + 1].is_cap and previous_kind in ("cap", "lower-in-cap"):
            previous_kind = "and"
        elif token.low in LOWER_IN_TITLES and previous_kind != "place":
            previous_kind = "location" if _location_at(tokens, k) else "lower"
        elif previous_kind == "cap" and token.text.islower():
            previous_kind = "lower-in-cap"
        else:
            return _title_tail(tokens, k), None
        k += 1
    return k, None


def _title_tail(tokens: list[Token], k: int) -> int:
    """A long post's lowercase tail runs on to the delimiter that ends it ('Ban Chỉ đạo
    chuyển đổi số huyện,', 'Thư ký phiên họp;'), unless a verb or cue comes first."""
    j = k
    while j < len(tokens) and j - k < MAX_TITLE_TAIL and tokens[j].text.isalpha() and tokens[j].low not in NOT_IN_TITLE:
        j += 1
    ends = j == len(tokens) or tokens[j].text in TITLE_DELIMITERS
    return j if ends and j > k else k


def _location_at(tokens: list[Token], k: int) -> bool:
    word = tokens[k].low
    pair = f"{tokens[k - 1].low} {word}" if k else word
    return word in LOCATION_WORDS or pair in LOCATION_WORDS


def _gazetteer_place(tokens: list[Token], k: int) -> int:
    """The end of the longest gazetteer place name starting at k (k itself if none)."""
    run_end = k
    while run_end < len(tokens) and tokens[run_end].is_cap:
        run_end += 1
    for end in range(min(run_end, k + 4), k + 1, -1):
        if " ".join(t.low for t in tokens[k:end]) in PLACES:
            return end
    return k


def _skip_place(tokens: list[Token], k: int) -> int:
    """The end of the place name after a location word: the gazetteer's longest
    match, else the capitalised run unless it begins with a surname."""
    end = _gazetteer_place(tokens, k)
    if end > k:
        return end
    run_end = k
    while run_end < len(tokens) and tokens[run_end].is_cap:
        run_end += 1
    return k if tokens[k].low in SURNAMES else run_end


def _match_name(tokens: list[Token], i: int, anchored: bool) -> int | None:
    """End of a person's name starting at i: 2 to 4 capitalised syllables, the first a
    surname unless an honorific or post anchors it, and not a place."""
    end = i
    while end < len(tokens) and end - i < 5 and tokens[end].is_cap and not _match_post(tokens, end):
        end += 1
    length = end - i
    if length < 2 or (length > 4 and not anchored):
        return None
    if length > 4:
        end = i + 4
    words = " ".join(t.low for t in tokens[i:end])
    if tokens[i].low not in SURNAMES and not anchored:
        return None
    if words in PLACES and tokens[i].low not in SURNAMES:
        return None
    if words in PLACES and not anchored:
        return None
    return end


def _title_text(tokens: list[Token], start: int, end: int) -> str:
    """A title in the article's words, its post in canonical spelling, capitalised."""
    post = _match_post(tokens, start) or ()
    rest_tokens = tokens[start + len(post): end]
    text = CANONICAL_POST[post]
    if rest_tokens:
        offset = rest_tokens[0].start
        source = "".join(
            (" " if index and t.start > rest_tokens[index - 1].end else "") + t.text
            for index, t in enumerate(rest_tokens)
        )
        text = f"{text} {source}" if offset else text
    return text[:1].upper() + text[1:]
