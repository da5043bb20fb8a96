"""Vietnamese number formats: '.' groups thousands, ',' is the decimal mark."""

import re
from decimal import Decimal

MULTIPLIERS = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}

NUMBER = r"\d+(?:[.,]\d+)*"
_GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})+")


def parse_number(raw: str) -> int | float:
    """Read a number written the Vietnamese way.

    ``4.735`` is 4735, ``146,8`` is 146.8, ``2.919,8`` is 2919.8. Slips are read
    as the writer most likely meant: ``1,500,000`` (repeated commas in groups of
    three) is 1500000 and ``1.5`` (a dot not followed by three digits) is 1.5.
    Raises ValueError for text that is not a number.
    """
    text = raw.strip()
    if not re.fullmatch(NUMBER, text):
        raise ValueError(f"not a number: {raw!r}")
    grouped = _GROUPED.fullmatch(text)
    if grouped and (grouped.group(1) == "." or text.count(",") > 1):
        digits = text.replace(grouped.group(1), "")
    elif "," in text and "." in text:
        digits = text.replace(".", "").replace(",", ".")
    elif text.count(",") == 1:
        digits = text.replace(",", ".")
    elif text.count(".") == 1:
        digits = text
    elif "." in text or "," in text:
        raise ValueError(f"ambiguous number: {raw!r}")
    else:
        digits = text
    return to_number(Decimal(digits))


def to_number(value: Decimal) -> int | float:
    """An int when the value is whole, else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def scaled(raw: str, multiplier: int) -> Decimal:
    """``parse_number(raw) * multiplier``, exact (2.919,8 tỷ is 2919800000000)."""
    return Decimal(str(parse_number(raw))) * multiplier
