"""Writing the report's files: every path checked before anything is written, the user's path
named in every refusal, files that follow the umask, and a page whose size the limits bound."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kinchain.cli import app
from kinchain.report import render_html
from kinchain.services.report import ReportInputs, report_inputs, write_report

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from intake_cases import AS_OF, largest_intake

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def flat(text: str) -> str:
    """Terminal output with the console's line wrapping undone."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def toms_inputs() -> ReportInputs:
    return report_inputs(EXAMPLES / "tom.yaml", as_of=dt.date(2026, 12, 2))


def test_a_pdf_path_that_is_an_existing_folder_is_refused_before_the_html_is_written(
    tmp_path: Path,
) -> None:
    (tmp_path / "x.pdf").mkdir()
    html = tmp_path / "x.html"
    result = CliRunner().invoke(
        app,
        ["report", str(EXAMPLES / "tom.yaml"), "--out", str(html), "--pdf",
         str(tmp_path / "x.pdf"), "--as-of", "2026-12-02"],
    )
    assert result.exit_code == 2, result.output
    assert f"error: {tmp_path / 'x.pdf'}: is a folder, expected a file" in flat(result.output)
    assert not html.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.pdf"]  # no temporary file left


def test_an_html_path_that_is_an_existing_folder_is_refused_by_the_users_name(
    tmp_path: Path, toms_inputs: ReportInputs
) -> None:
    (tmp_path / "page.html").mkdir()
    with pytest.raises(IsADirectoryError) as refused:
        write_report(toms_inputs, out=tmp_path / "page.html")
    assert refused.value.filename == str(tmp_path / "page.html")


@pytest.mark.parametrize(
    ("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)], ids=["022", "027", "077"]
)
def test_report_files_get_the_mode_the_umask_gives_a_new_file_not_always_0600(
    tmp_path: Path, toms_inputs: ReportInputs, umask: int, mode: int
) -> None:
    before = os.umask(umask)
    try:
        files = write_report(toms_inputs, out=tmp_path / "r.html")
    finally:
        os.umask(before)
    assert files.html.stat().st_mode & 0o777 == mode


def test_rewriting_a_report_keeps_the_mode_the_coach_gave_the_file(
    tmp_path: Path, toms_inputs: ReportInputs
) -> None:
    page = tmp_path / "r.html"
    page.write_text("old", encoding="utf-8")
    page.chmod(0o604)
    write_report(toms_inputs, out=page)
    assert page.stat().st_mode & 0o777 == 0o604 and "Tom Example" in page.read_text("utf-8")


def test_an_intake_file_just_over_the_size_limit_shows_both_sizes_in_bytes(
    tmp_path: Path,
) -> None:
    from kinchain.intake.files import MAX_BYTES

    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * (MAX_BYTES - 1))
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert (
        f"the file is {MAX_BYTES + 1:,} bytes; an intake file may be at most {MAX_BYTES:,} bytes"
        in flat(result.output)
    )


#: what the largest intake the limits allow may give (measured: 6.7 MB and 0.9 MB)
MAX_PAGE_BYTES = 10_000_000
MAX_PRINTED_PAGE_BYTES = 1_500_000


@pytest.mark.parametrize("one_joint", [True, False])
def test_the_largest_intake_the_limits_allow_renders_a_page_of_bounded_size(
    tmp_path: Path, one_joint: bool
) -> None:
    path = tmp_path / "largest.json"
    path.write_text(json.dumps(largest_intake(one_joint=one_joint)), encoding="utf-8")
    inputs = report_inputs(path, as_of=AS_OF)
    page = render_html(inputs.view).encode("utf-8")
    printed = render_html(inputs.view, for_print=True).encode("utf-8")
    assert len(page) < MAX_PAGE_BYTES
    assert len(printed) < MAX_PRINTED_PAGE_BYTES
    assert b"smaller contributors to this pain, listed in the HTML report" in printed
