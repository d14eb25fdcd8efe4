"""The command-line front end: the only package that imports typer or rich.

Before any model is defined, installed pydantic plugins are switched off for
this process with pydantic's documented switch, ``PYDANTIC_DISABLE_PLUGINS``: a
plugin is handed every value validated, and here those values are answers
about victims.
"""

import os

os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
