"""Scrapy settings: the project's policy. Per-run changes go on the command line (-s)."""

BOT_NAME = "govnews_crawler"
SPIDER_MODULES = ["govnews_crawler.spiders"]
NEWSPIDER_MODULE = "govnews_crawler.spiders"
COMMANDS_MODULE = "govnews_crawler.commands"

ITEM_PIPELINES = {
    "govnews_crawler.pipelines.NormalizeTextPipeline": 100,
    "govnews_crawler.pipelines.CleanBodyPipeline": 200,
    "govnews_crawler.pipelines.DatesPipeline": 300,
    # before figures: an article that reports no meeting has no event date for their periods
    "govnews_crawler.pipelines.MeetingPipeline": 350,
    "govnews_crawler.pipelines.OfficialsPipeline": 400,
    "govnews_crawler.pipelines.FiguresPipeline": 500,
    "govnews_crawler.pipelines.FingerprintPipeline": 700,
    "govnews_crawler.pipelines.ValidatePipeline": 800,
    "govnews_crawler.pipelines.RevisionPipeline": 900,
}

# Feeds: UTF-8 JSON lines, never \u-escaped; in CSV feeds nested fields are JSON.
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORTERS = {"csv": "govnews_crawler.export.feed_csv.JsonNestedCsvItemExporter"}

# A polite crawler of government sites: say who we are, obey robots.txt, adapt speed.
USER_AGENT = "govnews-crawler/0.1 (+https://github.com/govnews-crawler/govnews-crawler)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# Outputs of one callback processed at once: an article yields one item, a listing page a
# few dozen requests (all of them at once under 32), and the pipelines are plain CPU work
# that gains nothing from overlap. Scrapy's 100 starts 100 asyncio workers for every
# response (about a sixth of a crawl's CPU on loopback, benchmarks/crawl_speed.py).
CONCURRENT_ITEMS = 32
# A JOBDIR's queues hold JSON requests (queues/disk.py), never pickle.
SCHEDULER_DISK_QUEUE = "govnews_crawler.queues.disk.JsonLifoDiskQueue"
SCHEDULER_START_DISK_QUEUE = "govnews_crawler.queues.disk.JsonFifoDiskQueue"
# Scrapy reads each callback's source again for every response whose bound method is new
# (4 % of a crawl's CPU); tests/test_spiders.py checks the callbacks once instead.
WARN_ON_GENERATOR_RETURN_VALUE = False
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 60
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024  # article pages are small; refuse runaway downloads
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024

# Retries with backoff on throttling and server errors.
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
RETRY_BACKOFF_BASE = 2.0  # seconds, doubled at each try
RETRY_BACKOFF_MAX = 120.0
# A portal's 429 (or 503 with Retry-After) pauses every request to its host (middlewares/retry.py):
RETRY_AFTER_DEFAULT = 60.0  # seconds, when the answer has no Retry-After
RETRY_AFTER_MAX = 300.0  # a longer Retry-After is cut to this
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "govnews_crawler.middlewares.schemes.HttpOnlyMiddleware": 10,
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "govnews_crawler.middlewares.offsite.PortalOffsiteMiddleware": 50,
    "govnews_crawler.middlewares.retry.BackoffRetryMiddleware": 550,
    # sees the archive's responses before the retry middleware (process_response runs high to low)
    "govnews_crawler.middlewares.archive_budget.ArchiveBudgetMiddleware": 560,
}
# Articles the store already holds are not requested again (see middlewares/known.py).
SPIDER_MIDDLEWARES = {"govnews_crawler.middlewares.known.KnownArticlesMiddleware": 900}

# Many .gov.vn hosts serve broken certificate chains or old TLS: Scrapy's default
# context factory does not verify certificates; also accept legacy ciphers.
DOWNLOADER_CLIENT_TLS_METHOD = "TLS"
DOWNLOADER_CLIENT_TLS_CIPHERS = "DEFAULT:@SECLEVEL=1"

# Bounded work: listing pages walked per listing at most (a portal's whole history fits
# under it; a page with no article not seen before also ends the walk), and the bytes of
# a page that are parsed (the rest is cut, counted as govnews/page_cut), and the characters
# of an article's text (and of its image captions) that the pipelines get (govnews/text_cut).
GOVNEWS_MAX_LISTING_PAGES = 2000
GOVNEWS_MAX_PAGE_BYTES = 3 * 1024 * 1024
GOVNEWS_MAX_TEXT_CHARS = 100_000

# HTTP cache, off by default: -s HTTPCACHE_ENABLED=1 records and replays pages.
HTTPCACHE_ENABLED = False
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_POLICY = "scrapy.extensions.httpcache.DummyPolicy"
HTTPCACHE_IGNORE_HTTP_CODES = [429, 500, 502, 503, 504]

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"

# The final stats as JSON, for scripts and monitoring: -s GOVNEWS_STATS_FILE=stats.json
GOVNEWS_STATS_FILE = ""
EXTENSIONS = {
    "govnews_crawler.runs.checks.HealthChecks": 490,
    "govnews_crawler.runs.statsfile.StatsFile": 500,
    "govnews_crawler.distributed.workers.RedisWorkers": 510,  # only with the Redis profile
}

# Several machines: -s REDIS_URL=rediss://:password@host:6379/0 (or $GOVNEWS_REDIS_URL)
# switches to a shared Redis queue of JSON requests and scrapy-redis's dupefilter (see
# distributed/). (REDIS_URL and the scheduler are left unset here: the add-on sets them.)
# Otherwise a crawl with a JOBDIR checks it first: a queue that does not load is dropped (runs/jobdir.py).
ADDONS = {"govnews_crawler.distributed.profile.RedisProfile": 0, "govnews_crawler.runs.jobdir.JobdirGuard": 10}
# A Redis without a password is refused; on the loopback this allows it (tests only).
GOVNEWS_REDIS_INSECURE = False
# A worker silent this long is dead: what it had in flight goes back into the queue.
GOVNEWS_REDIS_LEASE_SECONDS = 30

# Checks at the end of each spider (see runs/checks.py).
GOVNEWS_CHECKS_ENABLED = True
GOVNEWS_CHECK_MAX_INVALID_SHARE = 0.1
GOVNEWS_CHECK_MAX_UNDATED_SHARE = 0.5
GOVNEWS_CHECK_MAX_DOWNLOAD_ERRORS = 20

# The Internet Archive (or a mirror of its API): CDX listing and raw captures.
WAYBACK_ENDPOINT = "https://web.archive.org"
WAYBACK_CDX_PAGE_SIZE = 5000  # captures per CDX page (resumeKey pages through the rest)
WAYBACK_CDX_MAX_PAGES = 200  # a listing stops (ERROR) after this many pages, or when a resume key repeats
WAYBACK_CDX_COLLAPSE = "digest"  # one row per distinct version of a page; "urlkey": one per page (its oldest)
WAYBACK_CDX_TRIES = 3  # asks for a CDX page whose answer is not JSON rows
# The archive's limits for one client (address): ~30 CDX calls and ~600 capture
# fetches a minute. The budget (middlewares/archive_budget.py) keeps the whole
# client (every spider of the process; every worker in Redis mode) at 80 % of them.
WAYBACK_WINDOW = 60.0  # seconds of the rolling windows below
WAYBACK_CDX_PER_WINDOW = 24
WAYBACK_CAPTURES_PER_WINDOW = 480
WAYBACK_PAUSE = 60.0  # all archive traffic waits this long after a 429/503 without Retry-After
WAYBACK_MAX_429 = 5  # this many 429s within WAYBACK_429_WINDOW seconds stop the archive part of the run
WAYBACK_429_WINDOW = 600.0
# The budget paces the archive; the slot only bounds requests in flight.
DOWNLOAD_SLOTS = {"wayback": {"concurrency": 4, "delay": 0}}

# Incremental runs: the store of record (SQLite, state.sqlite) lives here; "" = off.
# `govnews crawl` / `scrapy crawlall` set it (default ./state).
GOVNEWS_STATE_DIR = ""
# The store of record shared by several machines: postgresql://user:password@host/db
# (else the environment's GOVNEWS_DATABASE_URL); when set it replaces state.sqlite.
GOVNEWS_DATABASE_URL = ""
# Local feeds are written to <file>.part and renamed when complete.
FEED_STORAGES = {"": "govnews_crawler.runs.feedstorage.AtomicFileFeedStorage",
                 "file": "govnews_crawler.runs.feedstorage.AtomicFileFeedStorage"}
