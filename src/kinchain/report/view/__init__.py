"""The report's typed, frozen view model and its one builder.

:func:`build_report_view` turns one client's typed results into a :class:`ReportView`; the HTML
report (:func:`kinchain.report.render_html`), its PDF and any other page render that view.
"""

from kinchain.report.view.build import build_report_view, shortened
from kinchain.report.view.model import ReportView

__all__ = ["ReportView", "build_report_view", "shortened"]
