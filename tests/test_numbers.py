import pytest

from govnews_crawler.extraction.numbers import parse_number, scaled


@pytest.mark.parametrize(
    "text, value",
    [
        ("4.735", 4735), ("146,8", 146.8), ("2.919,8", 2919.8), ("0,25", 0.25),
        ("2.000", 2000), ("20.519", 20519), ("86,08", 86.08), ("1.234.567", 1234567),
        ("1.234,5", 1234.5), ("100", 100), ("1,500,000", 1500000), ("1.5", 1.5),
    ],
)
def test_vietnamese_number_formats(text, value):
    assert parse_number(text) == value
    assert type(parse_number(text)) is type(value)


@pytest.mark.parametrize("text", ["", "abc", "1..2", "4.735 tỷ"])
def test_not_numbers(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_multipliers_are_exact():
    assert scaled("2.919,8", 10**9) == 2919800000000
    assert scaled("146,8", 10**9) == 146800000000
    assert scaled("0,25", 10**6) == 250000
