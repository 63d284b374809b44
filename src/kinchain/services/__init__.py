"""The use cases: one function each, called by the CLI, the report and the tests alike."""

from kinchain.services.assessment import assess_file as assess_file
from kinchain.services.body import body_overview as body_overview
from kinchain.services.body import describe_site as describe_site
from kinchain.services.intake import load_client as load_client
from kinchain.services.intake import validate_file as validate_file
from kinchain.services.mechanics import simulate_client_file as simulate_client_file
from kinchain.services.mechanics import simulate_reference as simulate_reference
from kinchain.services.program import checkin_file as checkin_file
from kinchain.services.program import program_file as program_file
from kinchain.services.report import ReportFiles as ReportFiles
from kinchain.services.report import render_demo_report as render_demo_report
from kinchain.services.report import render_report_file as render_report_file
