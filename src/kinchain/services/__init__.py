"""The use cases: one function each, called by the CLI, the report and the tests alike."""

from kinchain.services.intake import load_client as load_client
from kinchain.services.intake import validate_file as validate_file
