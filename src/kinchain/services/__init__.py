"""The use cases: one function each, called by the CLI, the report and the tests alike.

``evaluate`` itself is imported from :mod:`kinchain.services.evaluate` (the package attribute
of that name is the module).
"""

import typing

from kinchain import _lazy

if typing.TYPE_CHECKING:
    from kinchain.services.assessment import assess_client, assess_file, assessment_json
    from kinchain.services.body import body_overview, describe_site
    from kinchain.services.evaluate import Evaluation
    from kinchain.services.intake import load_client, validate_file, validate_intake
    from kinchain.services.mechanics import simulate_client_file, simulate_reference
    from kinchain.services.program import checkin_file, checkin_view, program_file, program_view
    from kinchain.services.report import (
        ReportFiles,
        render_demo_report,
        render_report_file,
        report_for,
    )

#: where each export lives; it is imported on first use
_WHERE = {
    "Evaluation": "kinchain.services.evaluate",
    "ReportFiles": "kinchain.services.report",
    "assess_client": "kinchain.services.assessment",
    "assess_file": "kinchain.services.assessment",
    "assessment_json": "kinchain.services.assessment",
    "body_overview": "kinchain.services.body",
    "checkin_file": "kinchain.services.program",
    "checkin_view": "kinchain.services.program",
    "describe_site": "kinchain.services.body",
    "load_client": "kinchain.services.intake",
    "program_file": "kinchain.services.program",
    "program_view": "kinchain.services.program",
    "render_demo_report": "kinchain.services.report",
    "render_report_file": "kinchain.services.report",
    "report_for": "kinchain.services.report",
    "simulate_client_file": "kinchain.services.mechanics",
    "simulate_reference": "kinchain.services.mechanics",
    "validate_file": "kinchain.services.intake",
    "validate_intake": "kinchain.services.intake",
}
__getattr__, __dir__ = _lazy.lazy_exports(__name__, _WHERE)

__all__ = [
    "Evaluation",
    "ReportFiles",
    "assess_client",
    "assess_file",
    "assessment_json",
    "body_overview",
    "checkin_file",
    "checkin_view",
    "describe_site",
    "load_client",
    "program_file",
    "program_view",
    "render_demo_report",
    "render_report_file",
    "report_for",
    "simulate_client_file",
    "simulate_reference",
    "validate_file",
    "validate_intake",
]
