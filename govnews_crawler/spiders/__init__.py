"""Portal spiders: they know each portal's markup and yield raw articles."""
