"""The national registry: every former district-level unit (696 of them, in 63
former provinces) with its new province, a stable spider-style key and the
candidate hosts its portal may have had.

Generated from underthesea's admin-unit table by ``govnews registry build`` and kept
as ``districts.json`` in the package, so crawls never read underthesea's table.
"""

import json
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "districts.json"
TYPES = {"huyện": "huyen", "quận": "quan", "thị xã": "tx", "thành phố": "tp"}
# Province slugs that do not follow the plain rule (as the provinces' own domains show).
PROVINCE_SLUGS = {"Hồ Chí Minh": "hochiminhcity", "Bà Rịa - Vũng Tàu": "baria-vungtau",
                  "Bà Rịa – Vũng Tàu": "baria-vungtau"}


def slug(text: str) -> str:
    """ASCII letters and digits only: 'Kỳ Anh' -> 'kyanh', 'Đô Lương' -> 'doluong'."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in text.lower() if c.isascii() and c.isalnum())


def split_unit(full: str) -> tuple[str, str]:
    """'Thị Xã Kỳ Anh' -> ('thị xã', 'Kỳ Anh')."""
    lowered = full.strip()
    for kind in sorted(TYPES, key=len, reverse=True):
        if lowered.lower().startswith(kind + " "):
            return kind, lowered[len(kind) + 1:].strip()
    raise ValueError(f"not a district-level unit: {full!r}")


def province_short(full: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh "):
        if full.startswith(prefix):
            return full[len(prefix):]
    return full


def candidate_hosts(kind: str, name: str, province: str) -> list[dict]:
    """Where the unit's portal may have lived, each with the naming pattern behind it."""
    d, p = slug(name), PROVINCE_SLUGS.get(province, slug(province))
    found = [
        {"host": f"{d}.{p}.gov.vn", "path": "", "pattern": "<district>.<province>.gov.vn"},
        {"host": f"{d}.gov.vn", "path": "", "pattern": "<district>.gov.vn"},
    ]
    if kind in ("thị xã", "thành phố"):
        for prefix in (("tx", "thixa") if kind == "thị xã" else ("tp", "thanhpho")):
            found.append({"host": f"{prefix}{d}.{p}.gov.vn", "path": "", "pattern": f"{prefix}<district>.<province>.gov.vn"})
    found += [
        {"host": f"{p}.gov.vn", "path": f"/{d}", "pattern": "<province>.gov.vn/<district>"},
        {"host": f"{p}.gov.vn", "path": f"/web/{d}", "pattern": "<province>.gov.vn/web/<district> (Liferay)"},
        {"host": f"{p}.gov.vn", "path": f"/webcenter/portal/{d}",
         "pattern": "<province>.gov.vn/webcenter/portal/<district> (WebCenter)"},
    ]
    return found


def build_districts(table: dict) -> list[dict]:
    """Every former district of the table, sorted by province then name, with unique keys."""
    units = {}
    for row in table["ward_mapping"]:
        units[(row["old_province"], row["old_district"])] = row["new_province"]
    rows: list[dict] = []
    for (old_province, district), new_province in units.items():
        kind, name = split_unit(unicodedata.normalize("NFC", district))
        province = province_short(old_province)
        rows.append({"name": f"{kind} {name}", "kind": kind, "bare_name": name, "province": province,
                     "new_province": province_short(new_province)})
    _assign_keys(rows)
    for row in rows:
        row["candidates"] = candidate_hosts(row["kind"], row["bare_name"], row["province"])
    return sorted(rows, key=lambda r: (slug(r["province"]), r["key"]))


def _assign_keys(rows: list[dict]) -> None:
    """'kyanh' when the name is unique in the country, else 'kyanh_hatinh', else
    'tx_kyanh_hatinh' (a town and a rural district of one name in one province);
    numbered districts get their type: 'quan1'."""
    by_name: dict[str, list[dict]] = {}
    for row in rows:
        base = slug(row["bare_name"])
        if base.isdigit():  # Hồ Chí Minh City's numbered districts: 'quan1'
            base = TYPES[row["kind"]] + base
        by_name.setdefault(base, []).append(row)
    for base, group in by_name.items():
        by_province: dict[str, list[dict]] = {}
        for row in group:
            by_province.setdefault(slug(row["province"]), []).append(row)
        for province, same in by_province.items():
            for row in same:
                if len(group) == 1:
                    row["key"] = base
                elif len(same) == 1:
                    row["key"] = f"{base}_{province}"
                else:
                    row["key"] = f"{TYPES[row['kind']]}_{base}_{province}"


@cache
def load_districts() -> dict[str, dict]:
    """The national registry by key."""
    text = resources.files(__package__).joinpath("districts.json").read_text("utf-8")
    return {row["key"]: row for row in json.loads(text)}


def district_of(unit: str, province: str) -> dict | None:
    """The national entry of a unit named as the portal registry names it."""
    wanted = (slug(unit), slug(province))
    for row in load_districts().values():
        if (slug(row["name"]), slug(row["province"])) == wanted:
            return row
    return None


def main() -> None:
    from govnews_crawler.devtools.build_places import admin_table

    rows = build_districts(admin_table())
    OUTPUT.write_text(json.dumps(rows, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} districts of {len({r['province'] for r in rows})} provinces to {OUTPUT}")


if __name__ == "__main__":
    main()
