"""The web app: app factory, request dependencies, one error mapping, routes and templates.

Empty until issue 13 (the coach's web app) fills it; named now so the import-linter contracts
can hold the domain and the services away from it.
"""

__all__: list[str] = []
