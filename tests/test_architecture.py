"""How the code hangs together: imports run one way, at the top of each module.

outbox ← accounts ← uploads ← meetings ← participants and papers (which don't know each other),
with the read-only API (api), demo and backups (which reads every table through the app
registry) on top; `config` holds settings, the root URLs and the
site-wide helpers. meetings knows
papers only through the one QuerySet call its meeting page makes, and participants not at all:
participants adds to the meeting's page through meetings.extensions and follows a person's merge
or erasure through meetings.signals.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "outbox",
    "accounts",
    "uploads",
    "meetings",
    "participants",
    "papers",
    "api",
    "demo",
    "backups",
]
# What each app may import from the others (config.links is below them all).
MAY_IMPORT = {
    "outbox": set(),
    "accounts": {"outbox"},
    "uploads": {"accounts"},
    "meetings": {"accounts"},
    "participants": {"outbox", "accounts", "uploads", "meetings"},
    "papers": {"outbox", "accounts", "uploads", "meetings"},
    "api": {"accounts", "meetings", "participants", "papers"},
    "demo": {"accounts", "uploads", "meetings", "participants", "papers"},
    # Backups know no app's models: they read every table through the app registry.
    "backups": {"uploads"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources() -> dict[str, Path]:
    found = {}
    for top in [*APPS, "config"]:
        for path in (ROOT / top).rglob("*.py"):
            if "migrations" not in path.parts:
                found[module_name(path)] = path
    return found


def imports_of(name: str, path: Path) -> list[tuple[str, int, bool]]:
    """(module imported, line, at module level?) for each import in the file."""
    tree = ast.parse(path.read_text(), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    top_level = {id(node) for node in tree.body}
    for node in tree.body:  # `if TYPE_CHECKING:` imports are for the type checker, at the top
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            top_level |= {id(inner) for inner in node.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for target in targets:
            found.append((target, node.lineno, id(node) in top_level))
    return found


MODULES = sources()


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_import_is_at_the_top_of_the_module(name):
    inner = [line for _target, line, top in imports_of(name, MODULES[name]) if not top]
    assert inner == [], f"{name} imports inside a function or block at lines {inner}"


def test_apps_import_each_other_one_way_only():
    wrong = []
    for name, path in MODULES.items():
        app = name.split(".")[0]
        if app == "config":
            continue
        for target, line, _top in imports_of(name, path):
            other = target.split(".")[0]
            if other in APPS and other != app and other not in MAY_IMPORT[app]:
                if (name, target) == ("meetings.views", "papers.models.Document"):
                    continue  # the meeting page's documents: Document.objects.for_meeting_page()
                if (name, target) == ("meetings.views", "papers.models"):
                    continue
                wrong.append(f"{name}:{line} imports {target}")
    assert wrong == []


def test_meetings_knows_papers_only_through_the_meeting_pages_queryset():
    calls = [
        line
        for line in (ROOT / "meetings" / "views.py").read_text().splitlines()
        if "Document" in line and "import" not in line
    ]
    assert [call.strip() for call in calls] == [
        'context["documents"] = list(Document.objects.for_meeting_page(self.object))'
    ]
    templates = (ROOT / "meetings" / "templates").rglob("*.html")
    mentions = [path.name for path in templates if "papers" in path.read_text()]
    assert mentions == ["meeting_detail.html"]  # {% include "papers/meeting_documents.html" %}


def test_no_module_imports_itself_back_through_others():
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        graph[name] = {
            target
            for target, _line, _top in imports_of(name, path)
            if target in MODULES and target != name
        }
    cycles = []

    def visit(node: str, trail: list[str], done: set[str]) -> None:
        if node in trail:
            cycles.append(" → ".join([*trail[trail.index(node) :], node]))
            return
        if node in done:
            return
        for following in sorted(graph[node]):
            visit(following, [*trail, node], done)
        done.add(node)

    finished: set[str] = set()
    for start in sorted(graph):
        visit(start, [], finished)
    assert cycles == []
