"""The web app for the coach (and, next, the client): FastAPI routes over the same use cases
as the command line, server-rendered Jinja pages, HTMX shipped in the package."""

from kinchain.web.app import create_app

__all__ = ["create_app"]
