"""What a store holds of an article, and what every store offers."""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Exported:
    content_sha1: str
    revision: int


class ArticleStore(Protocol):
    def get(self, url: str) -> Exported | None: ...

    def record(self, rows: list[tuple]) -> int: ...

    def count(self, portal: str | None = None) -> int: ...

    def close(self) -> None: ...
