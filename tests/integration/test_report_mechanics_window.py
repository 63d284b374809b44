"""The report's mechanics section says which part of the stance its curves cover, and draws no
joint of the stance leg in tension."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kinchain.report import render_html
from kinchain.services.report import report_inputs

AS_OF = dt.date(2026, 11, 25)


def test_marias_report_says_her_walking_curves_stop_before_push_off(maria_path: Path) -> None:
    inputs = report_inputs(maria_path, as_of=AS_OF, activity="walk")
    assert inputs.simulation is not None and inputs.simulation["activity"] == "walk"
    series = inputs.simulation["series"]
    for name, curve in series["joint_force_n"].items():
        assert min(curve) >= 0.0, name
    html = render_html(inputs.client, inputs.assessment, inputs.simulation, as_of=AS_OF)
    section = html.split('id="mechanics"', 1)[1].split("</section>", 1)[0]
    note = series["window_note"]
    assert "push-off is not modelled" in note
    assert note in section
    assert section.index('id="plot-energy"') < section.index(note)  # under the plots
