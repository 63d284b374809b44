"""The layering of DESIGN.md holds: the domain never reaches up to entry points or rendering."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "kinchain"
DOMAIN = ("evidence", "body", "intake", "tissue", "mechanics", "assessment", "program")
FORBIDDEN_IN_DOMAIN = (
    "kinchain.cli",
    "kinchain.services",
    "kinchain.report",
    "kinchain.web",
    "kinchain.store",
    "typer",
    "rich",
    "jinja2",
    "weasyprint",
    "matplotlib",
    "sqlite3",
    "sqlalchemy",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_domain_packages_import_nothing_from_entry_points_storage_or_rendering() -> None:
    offences = []
    for pkg in DOMAIN:
        for path in sorted((SRC / pkg).rglob("*.py")):
            for name in _imports(path):
                if any(name == f or name.startswith(f + ".") for f in FORBIDDEN_IN_DOMAIN):
                    offences.append(f"{path.relative_to(SRC)} imports {name}")
    assert offences == []


def test_import_linter_contracts_in_pyproject_are_kept() -> None:
    exe = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(exe), "--no-cache"], capture_output=True, text=True, cwd=SRC.parents[1], check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
