"""Pure extraction rules and their data, no Scrapy: text, numbers, dates, structure, officials, figures, meetings."""
