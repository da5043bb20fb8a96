"""Requests at rest: the JSON codec (never pickle) and the JOBDIR disk queues built on it."""
