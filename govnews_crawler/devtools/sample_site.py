"""A sample portal of any size on the old Hà Tĩnh district platform, for benchmarks
and for the tests that kill and resume a crawl. Served by ``SiteServer``.

``python -m govnews_crawler.devtools.sample_site FOLDER --articles 5000``
"""

import argparse
import html
import json
from datetime import datetime, timedelta
from pathlib import Path

PER_PAGE = 20
PREFIX = "/mau/portal"  # the ``demo`` registry entry's paths


def article_html(i: int, when: datetime) -> str:
    title = f"UBND huyện Mẫu tổ chức hội nghị chuyên đề số {i}"
    paragraphs = [
        f"Sáng ngày {when.day}/{when.month}, UBND huyện Mẫu tổ chức hội nghị chuyên đề số {i}. "
        f"Đồng chí Nguyễn Văn An – Phó Bí thư Huyện ủy, Chủ tịch UBND huyện chủ trì hội nghị.",
        f"Thu ngân sách đạt {10 + i % 90},{i % 10} tỷ đồng, bằng {40 + i % 50}% dự toán; "
        f"có {1 + i % 20} xã đạt chuẩn nông thôn mới.",
        f"Phát biểu kết luận, đồng chí Nguyễn Văn An yêu cầu các đơn vị hoàn thành nhiệm vụ số {i}.",
    ]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<div class="article-detail"><h1 class="article-title">{title}</h1>'
            f'<div class="article-date">{when:%H:%M %d/%m/%Y}</div><div class="article-content">{body}'
            f'<p class="article-author">Minh Châu</p></div></div></body></html>')


def generate(folder: Path, articles: int, newest: datetime = datetime(2022, 6, 30, 16, 0)) -> dict:
    """Write the site; returns its routes (address -> file)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a").mkdir(exist_ok=True)
    routes = {}
    pages = (articles + PER_PAGE - 1) // PER_PAGE
    for page in range(1, pages + 1):
        items = []
        for i in range((page - 1) * PER_PAGE, min(page * PER_PAGE, articles)):
            when = newest - timedelta(hours=7 * i)
            url = f"{PREFIX}/read/tin-tuc/chinh-tri/hoi-nghi-so-{i}.html"
            (folder / "a" / f"{i}.html").write_text(article_html(i, when), encoding="utf-8")
            routes[url] = f"a/{i}.html"
            items.append(f'<div class="news-item"><a class="news-title" href="{url}">Hội nghị số {i}</a>'
                         f'<span class="news-date">{when:%H:%M %d/%m/%Y}</span></div>')
        nxt = f'<a class="next" href="{PREFIX}/folder/tin-tuc/{page + 1}.html">Trang sau</a>' if page < pages else ""
        (folder / f"listing-{page}.html").write_text(
            '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div class="list-news">'
            + "".join(items) + f'</div><div class="paging">{nxt}</div></body></html>', encoding="utf-8")
        routes[f"{PREFIX}/folder/tin-tuc/{page}.html"] = f"listing-{page}.html"
    (folder / "routes.json").write_text(json.dumps(routes), encoding="utf-8")
    return routes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    routes = generate(args.folder, args.articles)
    print(f"{args.folder}: {args.articles} articles, {len(routes) - args.articles} listing pages")


if __name__ == "__main__":
    main()
