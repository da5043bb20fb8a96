#!/usr/bin/env bash
# The main job on a fresh machine: set up .venv, then crawl the bundled sample portal
# end to end over loopback (no network needed) into output/demo.jsonl.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/bootstrap.sh
.venv/bin/govnews demo -o output/demo.jsonl
