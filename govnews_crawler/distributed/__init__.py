"""Crawling on several machines: the Redis queue, its add-on and the workers."""
