"""Print the report page to PDF with WeasyPrint (a real layout engine; no browser needed)."""

from __future__ import annotations

import logging
from pathlib import Path

__all__ = ["render_pdf"]


def render_pdf(html: str, path: Path | str, /) -> Path:
    """Write ``html`` as a PDF at ``path`` (A4, the page's print styles) and return the path."""
    import weasyprint  # imported here: it is slow to import and only the PDF needs it

    # WeasyPrint logs every CSS property it does not support as a warning; the page is
    # written for browsers too, so those are expected and not the user's concern
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    out = Path(path)
    weasyprint.HTML(string=html, base_url=None).write_pdf(out)
    return out
