"""stalkscreen: structured stalking and domestic-abuse risk screening.

The package is a library; only :mod:`stalkscreen.cli` talks to a terminal.
The public API is what ``__all__`` names (see :mod:`stalkscreen.api` and the
README's "Python API"): semantic versioning applies to it and to the file
contracts. Importing this module is deliberately cheap (no pydantic, YAML or
templates), so that ``stalkscreen --version`` starts instantly: the API's names
are loaded from :mod:`stalkscreen.api` on first use.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stalkscreen.api import (
        AnswerSet,
        AnswersSource,
        InvalidInputError,
        Library,
        Screening,
        StalkscreenError,
        load_library,
        parse_answers,
        render_report,
        score,
        score_many,
    )

from stalkscreen.version import ANSWERS_FORMAT, __version__, compiled_core

__all__ = [
    "ANSWERS_FORMAT",
    "AnswerSet",
    "AnswersSource",
    "InvalidInputError",
    "Library",
    "Screening",
    "StalkscreenError",
    "__version__",
    "compiled_core",
    "load_library",
    "parse_answers",
    "render_report",
    "score",
    "score_many",
]

_LAZY = frozenset(__all__) - {"ANSWERS_FORMAT", "__version__", "compiled_core"}


def __getattr__(name: str) -> Any:
    """The API's names, imported from :mod:`stalkscreen.api` when first asked for."""
    if name not in _LAZY:
        raise AttributeError(f"module 'stalkscreen' has no attribute {name!r}")
    import stalkscreen.api

    value = getattr(stalkscreen.api, name)
    globals()[name] = value
    return value
