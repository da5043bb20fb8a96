"""The production run: what it crawls, how it runs, what it leaves (exports, manifest, checks)."""
