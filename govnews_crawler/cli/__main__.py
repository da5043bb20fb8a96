"""``python -m govnews_crawler.cli``: the same as the ``govnews`` command."""

import sys

from govnews_crawler.cli import main

sys.exit(main())
