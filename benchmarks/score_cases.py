"""Score the pipelines on the hard cases and the seeds of tests/data.

Prints officials F1 (names), figures F1 (kind, value, denominator) and event_date
accuracy, over the hard cases, the 5 seeds and both, by the rules of
docs/annotation-rules.md. Run: ``python benchmarks/score_cases.py``.
"""

import json
from collections import Counter
from pathlib import Path

from govnews_crawler.extraction.text import fold_key
from govnews_crawler.item.builder import build_item
from govnews_crawler.pipelines.chain import PipelineRunner
from govnews_crawler.sources.files import read_article_file

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SETS = {"cases": (DATA / "cases", DATA / "cases" / "gold_cases.jsonl"),
        "seeds": (DATA / "seeds", DATA / "gold_seeds.jsonl")}


def _gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _figure_keys(figures: list[dict]) -> Counter:
    return Counter((f["kind"], f["value"], f.get("denominator")) for f in figures)


def _f1(tp: int, found: int, expected: int) -> float:
    precision = tp / found if found else 1.0
    recall = tp / expected if expected else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(runner: PipelineRunner, folder: Path, gold_path: Path) -> dict[str, list[int]]:
    """Counts [true positives, found, expected] per measure, and [right, total] for dates."""
    tally = {"officials": [0, 0, 0], "figures": [0, 0, 0], "event_date": [0, 0]}
    for gold in _gold(gold_path):
        path = folder / gold["file"]
        item = runner.process(build_item(read_article_file(path), path.resolve().as_uri()))
        mine = {fold_key(o["name"]) for o in item["officials"]}
        wanted = {fold_key(o["name"]) for o in gold["officials"]}
        for key, (tp, found, expected) in {
            "officials": (len(mine & wanted), len(mine), len(wanted)),
            "figures": (sum((_figure_keys(item["figures"]) & _figure_keys(gold["figures"])).values()),
                        len(item["figures"]), len(gold["figures"])),
        }.items():
            tally[key] = [a + b for a, b in zip(tally[key], (tp, found, expected))]
        tally["event_date"][0] += item["event_date"] == gold["event_date"]
        tally["event_date"][1] += 1
    return tally


def main() -> None:
    runner = PipelineRunner()
    totals = {"officials": [0, 0, 0], "figures": [0, 0, 0], "event_date": [0, 0]}
    for name, (folder, gold_path) in SETS.items():
        tally = score(runner, folder, gold_path)
        for key, counts in tally.items():
            totals[key] = [a + b for a, b in zip(totals[key], counts)]
        _report(name, tally)
    _report("all", totals)


def _report(name: str, tally: dict[str, list[int]]) -> None:
    right, total = tally["event_date"]
    print(f"{name:6} officials F1 {_f1(*tally['officials']):.3f}  figures F1 {_f1(*tally['figures']):.3f}  "
          f"event_date {right}/{total} = {right / total:.3f}")


if __name__ == "__main__":
    main()
