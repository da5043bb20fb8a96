"""Scrapy's offsite middleware, deaf to ``dont_filter``.

The spiders set ``dont_filter`` to get past the (JOBDIR) dupefilter, not past the
offsite check, which Scrapy skips for such requests; this subclass applies the
spider's ``allowed_domains`` (the portal's hosts, the archive's) to every request
but those marked ``allow_offsite``.
"""

from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware


class PortalOffsiteMiddleware(OffsiteMiddleware):
    def process_request(self, request, spider=None):
        if (request.dont_filter and not request.meta.get("allow_offsite")
                and not self.should_follow(request, self.crawler.spider)):
            request = request.replace(dont_filter=False)  # offsite: Scrapy's filter drops it, counted and logged
        return super().process_request(request)
