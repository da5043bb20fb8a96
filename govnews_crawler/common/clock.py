"""The one way the project stamps times: UTC, ISO 8601, to the second."""

from datetime import UTC, datetime


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_run_id() -> str:
    """A run's id: its UTC start time to the microsecond (unique even for runs started in one second)."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
