"""One explicit Arrow schema per table, so every export has the same types, even an empty one.

Days are ``date32``; ``published_at`` is a timestamp with the portal's +07:00 offset and
is null when the page gave only a day (``published_date`` always holds the day);
``crawled_at`` is UTC; lists are ``list<string>``; numbers are ``float64``.
"""

import pyarrow as pa

LOCAL = pa.timestamp("ms", tz="+07:00")
UTC = pa.timestamp("ms", tz="UTC")
TEXT_LIST = pa.list_(pa.string())

_SOURCE = [  # what every child table carries of its report
    ("url", pa.string()), ("portal", pa.string()), ("unit", pa.string()), ("province", pa.string()),
    ("report_title", pa.string()), ("published_at", LOCAL), ("published_date", pa.date32()),
    ("event_date", pa.date32()), ("year", pa.int16()),
]

SCHEMAS: dict[str, pa.Schema] = {
    "reports": pa.schema([
        ("url", pa.string()), ("archive_url", pa.string()), ("portal", pa.string()), ("unit", pa.string()),
        ("province", pa.string()), ("title", pa.string()), ("category", pa.string()), ("published_at", LOCAL),
        ("published_date", pa.date32()), ("event_date", pa.date32()), ("year", pa.int16()),
        ("event_part_of_day", pa.string()), ("is_meeting", pa.bool_()), ("meeting_kinds", TEXT_LIST),
        ("author", pa.string()), ("view_count", pa.int64()), ("n_officials", pa.int32()), ("n_figures", pa.int32()),
        ("image_captions", TEXT_LIST), ("revision", pa.int32()), ("content_sha1", pa.string()),
        ("crawled_at", UTC), ("extractor", pa.string()), ("body", pa.string()),
    ]),
    "officials": pa.schema([
        *_SOURCE, ("person_id", pa.string()), ("name", pa.string()), ("titles", TEXT_LIST), ("roles", TEXT_LIST),
    ]),
    "figures": pa.schema([
        *_SOURCE, ("text", pa.string()), ("kind", pa.string()), ("value", pa.float64()),
        ("denominator", pa.float64()), ("unit_of_measure", pa.string()), ("qualifier", pa.string()),
        ("measure", pa.string()), ("compared_to", pa.string()), ("period", pa.string()), ("indicator", pa.string()),
        ("sentence", pa.string()),
    ]),
    "indicators": pa.schema([
        ("unit", pa.string()), ("province", pa.string()), ("portal", pa.string()), ("period", pa.string()),
        ("indicator", pa.string()), ("indicator_name", pa.string()), ("value", pa.float64()),
        ("unit_of_measure", pa.string()), ("kind", pa.string()), ("basis", pa.string()), ("qualifier", pa.string()),
        ("measure", pa.string()), ("text", pa.string()), ("url", pa.string()), ("published_date", pa.date32()),
        ("event_date", pa.date32()), ("year", pa.int16()), ("indicators_version", pa.string()),
    ]),
    "people": pa.schema([
        ("person_id", pa.string()), ("name", pa.string()), ("province", pa.string()),
        ("posts", pa.list_(pa.struct([("title", pa.string()), ("first_seen", pa.date32()),
                                      ("last_seen", pa.date32())]))),
        ("first_seen", pa.date32()), ("last_seen", pa.date32()), ("n_reports", pa.int32()), ("roles", TEXT_LIST),
        ("units", TEXT_LIST),
    ]),
    "appearances": pa.schema([
        ("person_id", pa.string()), *_SOURCE, ("name", pa.string()), ("titles", TEXT_LIST), ("roles", TEXT_LIST),
    ]),
}
