"""Hold back a whole Scrapy download slot (every request to one host), not one request.

Scrapy's ``Downloader._process_queue`` starts no request of a slot while the slot's
``latercall`` is set, and ``Downloader._latercall`` clears it and works the queue again:
the same mechanism as ``DOWNLOAD_DELAY``. A hold replaces that call by one at the end
of the pause. Changing ``slot.delay`` instead would not last: AutoThrottle rewrites it on
every response and caps it at ``AUTOTHROTTLE_MAX_DELAY``.
"""

from time import monotonic

from scrapy.core.downloader import Downloader
from scrapy.utils.asyncio import CallLaterResult, call_later


class SlotHolds:
    """The pauses of one crawler's download slots."""

    def __init__(self) -> None:
        self.holds: dict[str, tuple[float, CallLaterResult]] = {}

    def hold(self, downloader: Downloader, key: str, seconds: float) -> bool:
        """Start no request of slot ``key`` for ``seconds`` (requests in flight go on).
        False when the slot is unknown or already held at least that long."""
        slot = downloader.slots.get(key)
        if slot is None:
            return False
        end = monotonic() + seconds
        held = self.holds.get(key)
        if held and slot.latercall is held[1] and held[0] >= end:
            return False
        if slot.latercall:
            slot.latercall.cancel()
        slot.latercall = call_later(seconds, downloader._latercall, slot)
        # a slot "seen" at the pause's end is not dropped by the slot GC meanwhile,
        # and its own download delay counts from then
        slot.lastseen = max(slot.lastseen, end)
        self.holds[key] = (end, slot.latercall)
        return True

    def remaining(self, key: str) -> float:
        """Seconds until slot ``key`` is let go (0 when it is not held)."""
        held = self.holds.get(key)
        return max(0.0, held[0] - monotonic()) if held else 0.0
