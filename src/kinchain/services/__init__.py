"""The use cases: one function each, called by the CLI, the report and the tests alike."""
