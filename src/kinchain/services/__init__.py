"""The use cases: one function each, called by the CLI, the report and the tests alike."""

from kinchain.services.assessment import assess_client, assess_file
from kinchain.services.body import body_overview, describe_site
from kinchain.services.intake import load_client, validate_file
from kinchain.services.mechanics import simulate_client_file, simulate_reference
from kinchain.services.program import checkin_file, program_file
from kinchain.services.report import ReportFiles, render_demo_report, render_report_file

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
