"""Tables to files: CSV (nested fields as JSON) and Parquet (the explicit schemas), flat or partitioned."""

import csv
import json
from datetime import date, datetime
from pathlib import Path

from govnews_crawler.export.schema import SCHEMAS


def _json_default(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {value!r}")


def csv_value(value) -> str:
    """A cell: lists and mappings as JSON (UTF-8, not escaped), days and times as ISO 8601, null as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_csv(name: str, rows: list[dict], out_dir: Path, bom: bool = False) -> Path:
    path = out_dir / f"{name}.csv"
    columns = SCHEMAS[name].names
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        writer.writerows([csv_value(row.get(c)) for c in columns] for row in rows)
    return path


def write_parquet(name: str, rows: list[dict], out_dir: Path, partition: bool = False) -> Path:
    """``<name>.parquet``, or with ``partition`` a folder ``<name>/province=…/year=…/`` (Hive style)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = SCHEMAS[name]
    if partition and "province" in schema.names:
        return _write_partitioned(rows, schema, out_dir / name)
    table = pa.Table.from_pylist(rows, schema=schema)
    path = out_dir / f"{name}.parquet"
    pq.write_table(table, path)
    return path


def _write_partitioned(rows: list[dict], schema, folder: Path) -> Path:
    """Hive-style folders written here, not by ``pyarrow.dataset``: Arrow percent-escapes
    partition values (``province=H%C3%A0%20T%C4%A9nh``); these keep the Vietnamese name."""
    import shutil

    import pyarrow as pa
    import pyarrow.parquet as pq

    keys = [k for k in ("province", "year") if k in schema.names]
    inner = pa.schema([f for f in schema if f.name not in keys])
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(row.get(k) for k in keys), []).append(row)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for values, members in groups.items():
        part = folder.joinpath(*(f"{k}={'__HIVE_DEFAULT_PARTITION__' if v is None else v}" for k, v in zip(keys, values)))
        part.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(members, schema=inner), part / "part-0.parquet")
    return folder


def write_tables(data: dict[str, list[dict]], out_dir: Path, parquet: bool = True, bom: bool = False,
                 partition: bool = False) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [write_csv(name, rows, out_dir, bom) for name, rows in data.items()]
    if parquet:
        written += [write_parquet(name, rows, out_dir, partition) for name, rows in data.items()]
    return written
