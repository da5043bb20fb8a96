"""The one way the project stamps times: UTC, ISO 8601, to the second."""

from datetime import UTC, datetime


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
