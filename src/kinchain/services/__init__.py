"""The use cases: one function each, called by the CLI, the report and the tests alike."""

import typing

from kinchain import _lazy

if typing.TYPE_CHECKING:
    from kinchain.services.assessment import assess_client, assess_file
    from kinchain.services.body import body_overview, describe_site
    from kinchain.services.intake import load_client, validate_file
    from kinchain.services.mechanics import simulate_client_file, simulate_reference
    from kinchain.services.program import checkin_file, program_file
    from kinchain.services.report import ReportFiles, render_demo_report, render_report_file

#: where each export lives; it is imported on first use
_WHERE = {
    "ReportFiles": "kinchain.services.report",
    "assess_client": "kinchain.services.assessment",
    "assess_file": "kinchain.services.assessment",
    "body_overview": "kinchain.services.body",
    "checkin_file": "kinchain.services.program",
    "describe_site": "kinchain.services.body",
    "load_client": "kinchain.services.intake",
    "program_file": "kinchain.services.program",
    "render_demo_report": "kinchain.services.report",
    "render_report_file": "kinchain.services.report",
    "simulate_client_file": "kinchain.services.mechanics",
    "simulate_reference": "kinchain.services.mechanics",
    "validate_file": "kinchain.services.intake",
}
__getattr__, __dir__ = _lazy.lazy_exports(__name__, _WHERE)

__all__ = [
    "ReportFiles",
    "assess_client",
    "assess_file",
    "body_overview",
    "checkin_file",
    "describe_site",
    "load_client",
    "program_file",
    "render_demo_report",
    "render_report_file",
    "simulate_client_file",
    "simulate_reference",
    "validate_file",
]
