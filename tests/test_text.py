import random
import re
import unicodedata

import pytest

from govnews_crawler.extraction import text as module
from govnews_crawler.extraction.text import fold_tones, normalize_text

from .conftest import CASES, SEEDS


@pytest.mark.parametrize(
    "variant, canonical",
    [("Huyện uỷ", "Huyện ủy"), ("khoá XIX", "khóa XIX"), ("hoà", "hòa"), ("Thuỷ lợi", "Thủy lợi"),
     ("khoẻ", "khỏe"), ("toạ đàm", "tọa đàm"), ("Quý", "Quý"), ("quỷ", "quỷ"), ("hoàng", "hoàng"),
     ("hoặc", "hoặc"), ("ngoặt", "ngoặt"), ("Xoẹt", "Xoẹt")],
)
def test_tone_placement(variant, canonical):
    assert fold_tones(variant) == canonical
    assert fold_tones(unicodedata.normalize("NFD", variant)) == canonical


def test_spaces_dashes_invisibles():
    assert normalize_text("a\u00a0\u00a0b\u200b — c\u2011d  \r\n  e ") == "a b – c-d\ne"


def _line_by_line(text: str) -> str:
    """The definition normalize_text keeps: each line's spaces collapsed and the line stripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = module._DROPPED.sub("", fold_tones(text)).translate(str.maketrans(module._DASHES))
    return "\n".join(re.sub(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", line).strip() for line in text.split("\n"))


def test_normalize_text_is_the_line_by_line_definition_on_random_text():
    alphabet = "ab ủuỷoá~.\n\r\t\u00a0\u2003\u202f\u3000\u1680\u2028\u2029\x0b\x1c\x85\u200b\ufeff\u00ad\u2014-"
    pick = random.Random(7)
    for _ in range(3000):
        text = "".join(pick.choice(alphabet) for _ in range(pick.randint(0, 24)))
        assert normalize_text(text) == _line_by_line(text), repr(text)


def _variant(text: str) -> str:
    """The same article as another portal might serve it: NFD, new-style tones."""
    for old, new in (("ủy", "uỷ"), ("Ủy", "Uỷ"), ("khóa", "khoá"), ("hòa", "hoà"), ("thủy", "thuỷ")):
        text = text.replace(old, new)
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_variant_spellings_give_identical_items(parse_file, tmp_path, seed):
    variant = tmp_path / seed.name
    variant.write_text(_variant(seed.read_text(encoding="utf-8")), encoding="utf-8")
    assert variant.read_text(encoding="utf-8") != seed.read_text(encoding="utf-8")
    original, changed = parse_file(seed), parse_file(variant)
    for item in (original, changed):
        item.pop("crawled_at")
        item.pop("url")
    assert changed == original


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("Ông Nguyễn V. An dự họp. Huyện thu 1.234 tỷ đồng, tăng 2,5%.",
         ["Ông Nguyễn V. An dự họp.", "Huyện thu 1.234 tỷ đồng, tăng 2,5%."]),
        ("UBND TP. Hà Tĩnh và ThS. Lê Thị Hoa phát biểu. \"Cần làm ngay.\" Xã đã xong v.v. và sẽ báo cáo.",
         ["UBND TP. Hà Tĩnh và ThS. Lê Thị Hoa phát biểu.", "\"Cần làm ngay.\"", "Xã đã xong v.v. và sẽ báo cáo."]),
        ("Đạt 54 tỷ đồng. hoàn thành 100% kế hoạch./.", ["Đạt 54 tỷ đồng.", "hoàn thành 100% kế hoạch./."]),
    ],
)
def test_split_sentences(paragraph, expected):
    from govnews_crawler.extraction.sentences import split_sentences

    assert split_sentences(paragraph) == expected


def test_fold_tones_on_nfc_pairs_agrees_with_the_rule_on_decomposed_text():
    """The rule as the spec says it, on NFD text: a tone mark after the second vowel of a
    final oa/oe/uy (not after q, the syllable ending there) moves to the first vowel."""
    end = r"(?![^\W\d_]|[\u0300-\u036f])"
    oa_oe = re.compile(rf"(?<![qQ])([oO])([aAeE])([{module._TONES}]){end}")
    uy = re.compile(rf"(?<![qQ])([uU])([yY])([{module._TONES}]){end}")

    def full_rule(value: str) -> str:
        decomposed = uy.sub(r"\1\3\2", oa_oe.sub(r"\1\3\2", unicodedata.normalize("NFD", value)))
        return unicodedata.normalize("NFC", decomposed)

    letters = "oOuUaAeEyYqQh ăâêôơưđ" + "áàảãạéèẻẽẹýỳỷỹỵÁÉÝặắệệ" + "\u0300\u0301\u0303\u0309\u0323\u0302\u0306"
    rng = random.Random(13)
    for _ in range(20000):
        value = "".join(rng.choice(letters) for _ in range(rng.randint(1, 6)))
        assert fold_tones(value) == full_rule(value), repr(value)
    assert fold_tones("Chủ tịch UBND huyện") == "Chủ tịch UBND huyện"


def test_lowercase_keeps_every_offset():
    assert module.lowercase("Quý IV NĂM 2024") == "quý iv năm 2024"
    assert module.lowercase("İzmir Ủy") == "İzmir ủy"  # 'İ'.lower() is two characters: kept


def test_patterns_behind_a_look_ahead_find_what_they_find_without_it():
    """``opening_on``'s characters must hold every first character of the pattern's matches."""
    from govnews_crawler.extraction import dates, figures, meeting, period

    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")) + sorted(CASES.glob("*.txt"))]
    texts += [text.lower() for text in texts] + ["Covid-19 SARS-CoV 2 ngày 5/6, hôm 3/4; quý IV năm 2024, 6 tháng đầu năm"]
    opened = [figures.MASKS, dates.EVENT_DATE, dates.WORDY_EVENT_DATE, *(compiled for _, compiled in period._PATTERNS),
              *(compiled for kind, compiled in meeting._KIND_PATTERNS if kind in meeting._OPENING)]
    for pattern in opened:
        parts = re.fullmatch(r"\(\?=\[(.*?)\]\)\(\?:(.*)\)", pattern.pattern, re.S)
        assert parts, pattern.pattern
        plain = re.compile(parts.group(2), pattern.flags)
        for text in texts:
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)], parts.group(2)
