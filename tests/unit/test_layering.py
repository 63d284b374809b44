"""The layering of DESIGN.md holds: the domain never reaches up to entry points or rendering."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "kinchain"
DOMAIN = ("evidence", "body", "intake", "tissue", "mechanics", "assessment", "program")
FORBIDDEN_IN_DOMAIN = (
    "kinchain.cli",
    "kinchain.services",
    "kinchain.report",
    "kinchain.web",
    "kinchain.store",
    "kinchain.fhir",
    "kinchain.accounts",
    "typer",
    "rich",
    "jinja2",
    "weasyprint",
    "matplotlib",
    "sqlite3",
    "sqlalchemy",
    "fastapi",
    "starlette",
    "httpx",
    "psycopg",
)
#: The services see the store only through protocols and never speak SQL or HTTP themselves.
FORBIDDEN_IN_SERVICES = (
    "kinchain.store",
    "kinchain.web",
    "sqlalchemy",
    "fastapi",
    "starlette",
    "jinja2",
    "httpx",
    "psycopg",
)
#: Accounts are pure policy, hashing and tokens: no storage, web or SQL (issue 13).
FORBIDDEN_IN_ACCOUNTS = (
    "kinchain.cli",
    "kinchain.services",
    "kinchain.report",
    "kinchain.store",
    "kinchain.web",
    "kinchain.fhir",
    "sqlite3",
    "sqlalchemy",
    "fastapi",
    "starlette",
    "jinja2",
    "httpx",
    "psycopg",
)
#: The layers the coming issues fill; each exists now so the contracts can name it.
COMING_LAYERS = ("store", "web", "fhir", "accounts")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _offences(packages: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    offences = []
    for pkg in packages:
        for path in sorted((SRC / pkg).rglob("*.py")):
            for name in _imports(path):
                if any(name == f or name.startswith(f + ".") for f in forbidden):
                    offences.append(f"{path.relative_to(SRC)} imports {name}")
    return offences


def test_domain_packages_import_nothing_from_entry_points_storage_or_rendering() -> None:
    assert _offences(DOMAIN, FORBIDDEN_IN_DOMAIN) == []


def test_the_services_import_no_sql_or_web_library_and_no_store_or_web_module() -> None:
    assert _offences(("services",), FORBIDDEN_IN_SERVICES) == []


def test_accounts_import_no_storage_web_or_sql_library() -> None:
    assert _offences(("accounts",), FORBIDDEN_IN_ACCOUNTS) == []


def test_the_import_linter_contracts_name_every_coming_layer() -> None:
    pyproject = (SRC.parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    contracts = tomllib.loads(pyproject)["tool"]["importlinter"]["contracts"]
    domain_modules = [f"kinchain.{p}" for p in DOMAIN]
    domain = next(c for c in contracts if c.get("source_modules") == domain_modules)
    services = next(c for c in contracts if c.get("source_modules") == ["kinchain.services"])
    assert {f"kinchain.{layer}" for layer in COMING_LAYERS} <= set(domain["forbidden_modules"])
    assert set(FORBIDDEN_IN_SERVICES) <= set(services["forbidden_modules"])
    assert all((SRC / layer / "__init__.py").is_file() for layer in COMING_LAYERS)


def test_import_linter_contracts_in_pyproject_are_kept() -> None:
    exe = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(exe), "--no-cache"], capture_output=True, text=True, cwd=SRC.parents[1], check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
