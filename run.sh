#!/usr/bin/env bash
# The main job on a fresh machine: set up .venv, then run the pipelines over the
# bundled sample articles into output/seeds.jsonl and show a summary.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/bootstrap.sh
.venv/bin/govnews parse ../shared/seeds/*.txt -o output/seeds.jsonl
.venv/bin/python - <<'PY'
import json
items = [json.loads(line) for line in open("output/seeds.jsonl", encoding="utf-8")]
print(f"output/seeds.jsonl: {len(items)} articles, "
      f"{sum(i['is_meeting'] for i in items)} meetings, "
      f"{sum(len(i['officials']) for i in items)} officials, "
      f"{sum(len(i['figures']) for i in items)} figures")
PY
