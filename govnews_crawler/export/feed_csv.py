"""The CSV feed exporter of ``scrapy crawl … -O x.csv``: nested fields as JSON.

Scrapy's ``CsvItemExporter`` joins lists with commas (captions that contain commas
become unreadable) and writes dicts as Python reprs; this one writes lists and dicts
(officials, figures, captions, meeting kinds) as UTF-8 JSON a reader can parse back.
"""

import json
from typing import Any

from scrapy.exporters import CsvItemExporter


class JsonNestedCsvItemExporter(CsvItemExporter):
    def serialize_field(self, field: Any, name: str, value: Any) -> Any:
        if isinstance(value, list | tuple | dict):
            return json.dumps(value, ensure_ascii=False)
        return super().serialize_field(field, name, value)
