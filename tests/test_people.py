"""People: officials resolved across reports."""

from datetime import date

from govnews_crawler.export.people import Mention, person_row, resolve
from govnews_crawler.export.rows import tables


def mention(url, province, name, titles, roles=("chair",), day=date(2020, 1, 1)):
    return Mention(url, province, name, tuple(titles), tuple(roles), day)


def test_one_person_across_reports_with_posts_first_and_last_seen():
    people = resolve([
        mention("u1", "Hà Tĩnh", "Bùi Quang Hoàn", ["Chủ tịch UBND huyện Kỳ Anh"], day=date(2020, 7, 6)),
        mention("u2", "Hà Tĩnh", "Bùi  Quang hoàn", ["Phó Bí thư Huyện ủy", "Chủ tịch UBND huyện Kỳ Anh"],
                ("concluder",), date(2021, 3, 2)),
        mention("u3", "Hà Tĩnh", "Bùi Quang Hoàn", ["Chủ tịch UBND huyện"], ("speaker",), date(2020, 1, 9)),
    ])
    assert len(people) == 1
    row = person_row(people[0])
    assert (row["n_reports"], row["first_seen"], row["last_seen"]) == (3, date(2020, 1, 9), date(2021, 3, 2))
    assert row["roles"] == ["chair", "concluder", "speaker"]
    assert {p["title"]: (p["first_seen"], p["last_seen"]) for p in row["posts"]} == {
        "Chủ tịch UBND huyện Kỳ Anh": (date(2020, 7, 6), date(2021, 3, 2)),
        "Phó Bí thư Huyện ủy": (date(2021, 3, 2), date(2021, 3, 2)),
        "Chủ tịch UBND huyện": (date(2020, 1, 9), date(2020, 1, 9)),
    }


def test_namesakes_of_different_provinces_stay_apart():
    people = resolve([mention("u1", "Hà Tĩnh", "Nguyễn Văn An", ["Chủ tịch UBND huyện"]),
                      mention("u2", "Nghệ An", "Nguyễn Văn An", ["Chủ tịch UBND huyện"])])
    assert sorted(p.province for p in people) == ["Hà Tĩnh", "Nghệ An"]
    assert len({p.person_id for p in people}) == 2


def test_namesakes_in_posts_of_different_places_stay_apart():
    people = resolve([mention("u1", "Hà Tĩnh", "Nguyễn Văn An", ["Chủ tịch UBND xã Kỳ Tân"]),
                      mention("u2", "Hà Tĩnh", "Nguyễn Văn An", ["Bí thư Đảng ủy xã Kỳ Lạc"]),
                      mention("u3", "Hà Tĩnh", "Nguyễn Văn An", ["Chủ tịch UBND xã Kỳ Tân"])])
    assert sorted(len(p.mentions) for p in people) == [1, 2]


def test_tables_link_officials_to_people_and_appearances():
    base = {"figures": [], "meeting_kinds": [], "image_captions": [], "province": "Hà Tĩnh", "portal": "kyanh",
            "unit": "huyện Kỳ Anh"}
    items = [
        {**base, "url": "u1", "title": "Hội nghị A", "event_date": "2020-07-06",
         "officials": [{"name": "Bùi Quang Hoàn", "titles": ["Chủ tịch UBND huyện"], "roles": ["chair"]}]},
        {**base, "url": "u2", "title": "Kỳ họp HĐND", "event_date": "2020-12-20",
         "officials": [{"name": "Bùi Quang Hoàn", "titles": ["Chủ tịch UBND huyện"], "roles": ["speaker"]}]},
    ]
    data = tables(items)
    assert len(data["people"]) == 1 and data["people"][0]["n_reports"] == 2
    ids = {r["person_id"] for r in data["appearances"]} | {r["person_id"] for r in data["officials"]}
    assert ids == {data["people"][0]["person_id"]}
    assert [(r["report_title"], r["roles"]) for r in data["appearances"]] == [("Hội nghị A", ["chair"]),
                                                                              ("Kỳ họp HĐND", ["speaker"])]
