"""Portal spiders: they fetch listings, feeds and archive captures and yield raw articles; templates read the markup."""
