"""What a store holds of an article, what every store offers, and how a store fails."""

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
    def get(self, url: str) -> Exported | None: ...

    def count(self, portal: str | None = None) -> int: ...

    def close(self) -> None: ...
