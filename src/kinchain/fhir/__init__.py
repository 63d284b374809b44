"""FHIR: pure mapping of an evaluation, program and check-ins to FHIR resources.

Empty until issue 17 (FHIR export and import) fills it; named now so the import-linter
contracts can hold the domain away from it.
"""

__all__: list[str] = []
