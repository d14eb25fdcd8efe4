"""The command-line front end: the only package that imports typer or rich.

Before any model is defined, installed pydantic plugins are switched off for
this process: a plugin is handed every value validated, and here those values
are answers about victims. Two locks, each enough alone: the environment
variable pydantic reads, and a stand-in for pydantic's plugin loader that finds
no plugin. The stand-in also spares every command the search through installed
packages' metadata (``importlib.metadata``, about 15 ms of start-up) that the
real loader's import costs even when plugins are switched off.
"""

import functools
import os
import sys
import types
from typing import Any

os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"

_LOADER = "pydantic.plugin._loader"


def _no_plugins() -> tuple[()]:
    """What the stand-in answers when pydantic asks for its plugins: none."""
    return ()


def _real_loader_attribute(name: str) -> Any:
    """Anything else pydantic may ask of its loader comes from the real module, loaded aside.

    The import system's own questions (``__path__``, ``__file__``…) are not for it.
    """
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(_real_loader(), name)


@functools.cache
def _real_loader() -> types.ModuleType:
    import importlib.machinery
    import importlib.util

    import pydantic.plugin

    spec = importlib.machinery.PathFinder.find_spec(_LOADER, list(pydantic.plugin.__path__))
    if spec is None or spec.loader is None:  # pragma: no cover - pydantic without the module
        raise AttributeError(_LOADER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if _LOADER not in sys.modules:
    _stand_in = types.ModuleType(_LOADER, "No pydantic plugins in stalkscreen's command line.")
    _stand_in.get_plugins = _no_plugins  # type: ignore[attr-defined]
    _stand_in.__getattr__ = _real_loader_attribute  # type: ignore[method-assign]
    sys.modules[_LOADER] = _stand_in
