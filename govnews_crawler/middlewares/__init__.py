"""Scrapy middlewares: polite retries, and no request for an article the store already holds."""
