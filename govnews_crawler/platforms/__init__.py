"""Article parsing per CMS platform: markup in, raw article fields out.

No Scrapy here: templates take page text (or a parsel Selector), so a spider and
``govnews parse page.html`` read a page the same way.
"""
