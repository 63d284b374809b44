"""The report's mechanics section says which part of the stance its curves cover, and draws no
joint of the stance leg in tension."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kinchain.report import render_html
from kinchain.report.view.model import JointsFigure
from kinchain.services.report import report_inputs

AS_OF = dt.date(2026, 11, 25)


def test_marias_report_says_her_walking_curves_stop_before_push_off(maria_path: Path) -> None:
    inputs = report_inputs(maria_path, as_of=AS_OF, activity="walk")
    mechanics = inputs.view.mechanics
    assert mechanics is not None and mechanics.activity == "walk"
    joints = next(f for f in mechanics.figures if isinstance(f, JointsFigure))
    for series in joints.joints:
        assert min(series.client_n) >= 0.0, series.label
    html = render_html(inputs.view)
    section = html.split('id="mechanics"', 1)[1].split("</section>", 1)[0]
    note = mechanics.window_note
    assert "push-off is not modelled" in note
    assert note in section
    assert section.index('id="plot-energy"') < section.index(note)  # under the plots
