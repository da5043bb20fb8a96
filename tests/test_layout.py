"""The layout's rules, checked on the source: no import cycles, pure extraction and
platforms, no pipeline reaching back into the spider."""

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "govnews_crawler"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(path: Path) -> set[str]:
    """Project modules a file imports (``from pkg import sub`` counts as pkg.sub)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
    return {name for name in found if name in MODULES}


def test_no_module_imports_one_that_imports_it_back():
    graph = {name: imports_of(path) - {name} for name, path in MODULES.items()}
    cycles = []

    def visit(name: str, trail: list[str]) -> None:
        for target in graph[name]:
            if target in trail:
                cycles.append([*trail[trail.index(target):], target])
            elif target not in done:
                visit(target, [*trail, target])
        done.add(name)

    done: set[str] = set()
    for module in sorted(graph):
        if module not in done:
            visit(module, [module])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles[:5])


def test_extraction_and_platforms_do_not_import_scrapy():
    for name, path in MODULES.items():
        if name.startswith(("govnews_crawler.extraction", "govnews_crawler.platforms")):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"^\s*(?:from|import) scrapy\b", text, re.M), name


def test_pipelines_never_reach_back_into_the_spider():
    for path in (PACKAGE / "pipelines").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bspider\.\w+\s*=|getattr\(\s*spider|crawler\.spider\b", text), path.name
        assert not re.search(r"spider\.(?:incremental|since|until|full|revisit)", text), path.name
