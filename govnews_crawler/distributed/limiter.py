"""The archive budget shared by every worker of a Redis run.

The same rolling windows as ``middlewares.archive_budget.LocalLimiter``, kept in
Redis sorted sets and checked and counted in one Lua script (atomic, timed by the
Redis server's clock so machines' clocks need not agree).
"""

import uuid

import redis

from govnews_crawler.distributed.keys import archive_budget_key

# KEYS: window set, pause key. ARGV: window (ms), limit, member. Returns ms to wait; 0 = counted.
TAKE = """
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return paused end
local window, limit = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ms - window)
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - ms)
end
local spacing = math.floor(window / limit)
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] and ms - tonumber(last[2]) < spacing then return spacing - (ms - tonumber(last[2])) end
redis.call('ZADD', KEYS[1], ms, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window * 2)
return 0
"""
# KEYS: refusals set. ARGV: window (ms), member or '' (only count). Returns refusals in the window.
REFUSED = """
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ms - tonumber(ARGV[1]))
if ARGV[2] ~= '' then redis.call('ZADD', KEYS[1], ms, ARGV[2]) end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) * 2)
return redis.call('ZCARD', KEYS[1])
"""


class RedisLimiter:
    def __init__(self, url: str, endpoint: str, window: float):
        self.server = redis.Redis.from_url(url)
        self.endpoint = endpoint
        self.window_ms = int(window * 1000)
        self.take = self.server.register_script(TAKE)
        self.count_refusals = self.server.register_script(REFUSED)

    def wait(self, kind: str, limit: int) -> float:
        keys = [archive_budget_key(self.endpoint, kind), archive_budget_key(self.endpoint, "pause")]
        return int(self.take(keys=keys, args=[self.window_ms, limit, uuid.uuid4().hex])) / 1000

    def pause(self, seconds: float) -> None:
        key = archive_budget_key(self.endpoint, "pause")
        wanted = int(seconds * 1000)
        if wanted > 0 and wanted > self.server.pttl(key):
            self.server.set(key, 1, px=wanted)

    def refused(self, within: float, count: bool = True) -> int:
        member = uuid.uuid4().hex if count else ""
        return int(self.count_refusals(keys=[archive_budget_key(self.endpoint, "refusals")],
                                       args=[int(within * 1000), member]))
