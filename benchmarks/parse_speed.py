"""Articles per second through the `govnews parse` pipelines against underthesea's ner().

Usage: python benchmarks/parse_speed.py [--articles 1000] [--ner-articles 50]

The pipelines run over the five seeds repeated to --articles; ner() runs over
--ner-articles of the same texts (it is ~100x slower, so a sample gives its rate).
Prints both rates and their ratio, measured in this one run.
"""

import argparse
import time
from pathlib import Path

from govnews_crawler.item.builder import build_item
from govnews_crawler.pipelines.chain import PipelineRunner
from govnews_crawler.sources.files import read_article_file

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "data" / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--ner-articles", type=int, default=50)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    args = parser.parse_args()

    paths = sorted(args.seeds.glob("*.txt"))
    fields = [read_article_file(p) for p in paths]
    runner = PipelineRunner()
    for warm_up in zip(fields, paths):  # every lexicon loaded before the clock starts
        runner.process(build_item(warm_up[0], warm_up[1].as_uri()))

    start = time.perf_counter()
    for i in range(args.articles):
        runner.process(build_item(fields[i % len(fields)], paths[i % len(paths)].as_uri()))
    pipelines_rate = args.articles / (time.perf_counter() - start)

    from underthesea import ner

    ner(fields[0]["source_text"])  # warm up
    start = time.perf_counter()
    for i in range(args.ner_articles):
        ner(fields[i % len(fields)]["source_text"])
    ner_rate = args.ner_articles / (time.perf_counter() - start)

    print(f"pipelines: {args.articles} articles, {pipelines_rate:,.1f} articles/s")
    print(f"ner():     {args.ner_articles} articles, {ner_rate:,.1f} articles/s")
    print(f"ratio:     pipelines are {pipelines_rate / ner_rate:,.1f}x faster than ner() alone")


if __name__ == "__main__":
    main()
