"""stalkscreen: structured stalking and domestic-abuse risk screening.

The package is a library; only :mod:`stalkscreen.cli` talks to a terminal.
Importing this module is deliberately cheap (no pydantic, YAML or templates),
so that ``stalkscreen --version`` starts instantly.
"""

__version__ = "0.1.0"

ANSWERS_FORMAT = "stalkscreen/answers@1"
"""The version tag of the answer-file contract this release reads and writes."""
