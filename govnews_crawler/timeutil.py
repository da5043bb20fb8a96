"""The one way the project stamps times: UTC, ISO 8601, to the second."""

from datetime import datetime, timezone


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
