"""What a store holds of an article, what every store offers, and how a store fails."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol


class StoreError(RuntimeError):
    """A store that cannot be used as it is (damaged, or of a newer schema): its message says what to do."""


@dataclass(frozen=True)
class Exported:
    content_sha1: str
    revision: int
    run_id: str = ""


class ArticleStore(Protocol):
    """The store of record (SQLite in the state directory, or PostgreSQL shared by several machines)."""

    def get(self, url: str) -> Exported | None:
        """The latest stored revision of the article, or None."""

    def put(self, url: str, portal: str, content_sha1: str, revision: int, run_id: str, item: str,
            replace: bool = False) -> bool:
        """Store one accepted item in one transaction; False when that revision was already
        stored (by another worker) and ``replace`` is not set."""

    def unpublished(self) -> list[tuple[str, str]]:
        """``(portal, run_id)`` of the rows not yet in a published file."""

    def items(self, portal: str | None = None, run_id: str | None = None) -> Iterator[str]:
        """Stored items as JSON, in the order they were stored."""

    def mark_published(self, portal: str, run_id: str, file: str) -> None: ...

    def count(self, portal: str | None = None) -> int:
        """Articles stored (distinct URLs), of one portal or all."""

    def close(self) -> None: ...
