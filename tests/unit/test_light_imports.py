"""Starting the CLI and validating an intake load no plotting, PDF or compiler library, and the
numba cache goes to a user cache folder, never into the installed package."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kinchain._numba_cache import numba_cache_dir

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("matplotlib", "weasyprint", "numba")


def _loaded_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    return set(done.stdout.split())


def test_importing_the_cli_loads_no_plotting_pdf_or_numba() -> None:
    loaded = _loaded_after("import kinchain.cli")
    assert "kinchain.cli" in loaded
    assert [m for m in HEAVY if m in loaded] == []


def test_validating_maria_from_the_command_line_loads_no_plotting_pdf_or_numba() -> None:
    code = (
        "sys.argv = ['kinchain', 'validate', 'examples/maria.yaml']\n"
        "from kinchain.cli import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert e.code in (0, None), e.code"
    )
    loaded = _loaded_after(code)
    assert "kinchain.intake.model" in loaded
    assert [m for m in HEAVY if m in loaded] == []


def test_importing_the_report_s_plots_loads_neither_its_view_nor_the_domain_it_reads() -> None:
    loaded = _loaded_after("import kinchain.report.plots")
    assert "kinchain.report.plots" in loaded
    domain = ("kinchain.report.view", "kinchain.assessment", "kinchain.program", "numpy")
    assert [m for m in (*HEAVY, *domain) if m in loaded] == []


def test_the_numba_cache_follows_numba_cache_dir_when_it_is_set(tmp_path: Path) -> None:
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "mine")}
    code = (
        "from kinchain.mechanics import _chain_jit\nimport numba, os\nprint(numba.config.CACHE_DIR)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True
    )
    assert done.stdout.strip() == str(tmp_path / "mine")


def test_without_numba_cache_dir_numba_caches_in_a_user_folder_outside_the_package() -> None:
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    code = (
        "from kinchain.mechanics import _chain_jit\n"
        "import numba, kinchain\n"
        "print(numba.config.CACHE_DIR)\n"
        "print(kinchain.__file__)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True
    )
    cache_dir, package_file = done.stdout.split("\n")[:2]
    assert cache_dir
    assert not Path(cache_dir).is_relative_to(Path(package_file).parent)
    assert "kinchain" in cache_dir


def test_the_cache_folder_is_the_one_numba_cache_dir_names_else_a_kinchain_user_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path))
    assert numba_cache_dir() == tmp_path
    monkeypatch.delenv("NUMBA_CACHE_DIR")
    fallback = numba_cache_dir()
    assert "kinchain" in fallback.parts and fallback.name == "numba"
