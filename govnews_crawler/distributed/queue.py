"""The shared request queue with in-flight lists: taking a request moves it, in one
Redis script, from the queue into the worker's in-flight set; finishing it removes it;
a worker whose lease lapsed has its in-flight set moved back into the queue.

Both are sorted sets scored by ``-priority``, scrapy-redis's queue layout. Entries are
JSON bytes (``queues.codec``); the entry itself is the in-flight token.
"""

from govnews_crawler.distributed.keys import inflight_key, lease_key, queue_key, workers_key

TAKE = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
redis.call('ZADD', KEYS[2], top[2], top[1])
return top[1]
"""

# KEYS: queue, in-flight set, lease (or a key that never exists), workers; ARGV: worker.
GIVE_BACK = """
if KEYS[3] ~= '' and redis.call('EXISTS', KEYS[3]) == 1 then return -1 end
local n = redis.call('ZCARD', KEYS[2])
if n > 0 then redis.call('ZUNIONSTORE', KEYS[1], 2, KEYS[1], KEYS[2], 'AGGREGATE', 'MIN') end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[4], ARGV[1])
return n
"""


class SharedQueue:
    """One spider's shared queue, seen from one worker."""

    def __init__(self, server, spider_name: str, worker: str):
        self.server, self.spider_name, self.worker = server, spider_name, worker
        self.key = queue_key(spider_name)
        self.inflight = inflight_key(spider_name, worker)
        self._take = server.register_script(TAKE)
        self._give_back = server.register_script(GIVE_BACK)

    def __len__(self) -> int:
        return self.server.zcard(self.key)

    def push(self, payload: bytes, priority: int) -> None:
        self.server.zadd(self.key, {payload: -priority})

    def take(self) -> bytes | None:
        """The first entry, now in this worker's in-flight set; None when the queue is empty."""
        return self._take(keys=[self.key, self.inflight])

    def done(self, payload: bytes) -> None:
        self.server.zrem(self.inflight, payload)

    def in_flight(self) -> int:
        return self.server.zcard(self.inflight)

    def forget_in_flight(self) -> int:
        """Drop this worker's in-flight set (its engine is idle: all of it is done)."""
        count, _ = self.server.pipeline().zcard(self.inflight).delete(self.inflight).execute()
        return count

    def give_back(self, worker: str | None = None, only_if_dead: bool = False) -> int:
        """Move a worker's in-flight requests back into the queue and drop it from the
        workers; with ``only_if_dead``, only when its lease lapsed (-1 if it lives)."""
        worker = worker or self.worker
        lease = lease_key(self.spider_name, worker) if only_if_dead else ""
        return self._give_back(keys=[self.key, inflight_key(self.spider_name, worker), lease,
                                     workers_key(self.spider_name)], args=[worker])
