"""``python -m kinchain``: the same as the ``kinchain`` command."""

from kinchain.cli import main

main()
