"""The public Python API: load the definitions, read, score and summarise screenings.

Everything here is re-exported by :mod:`stalkscreen` (``from stalkscreen import
score``) and follows semantic versioning together with the file contracts (answer
files, score output, batch records): within a major version, names, parameters and
the meaning of results are only added to, never removed or changed. Modules not
named in ``stalkscreen.__all__`` are internal and may change in any release.

Nothing here prints, reads the user's configuration, writes the audit log or imports
a terminal library: that is the command line's job. Bad input raises
:class:`~stalkscreen.errors.InvalidInputError`, whose ``problems`` name the place,
what is wrong and how to fix it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, overload

from stalkscreen.answers import AnswerSet
from stalkscreen.definitions import library as _library
from stalkscreen.definitions.library import Library
from stalkscreen.errors import InvalidInputError, StalkscreenError
from stalkscreen.reading import AN_ANSWER_FILE, answers_from_data, load_answers
from stalkscreen.report import render_report as _render_report
from stalkscreen.scoring import Screening
from stalkscreen.scoring import score as _score
from stalkscreen.source import Document, parse_text, require_mapping

__all__ = [
    "AnswerSet",
    "AnswersSource",
    "InvalidInputError",
    "Library",
    "Screening",
    "StalkscreenError",
    "load_library",
    "parse_answers",
    "render_report",
    "score",
    "score_many",
]

AnswersSource = Mapping[str, Any] | str | Path
"""An answer file's data (a mapping), its text (YAML or JSON), or its path."""

_WHAT = AN_ANSWER_FILE


def load_library(
    questionnaire_dirs: Sequence[str | Path] = (),
    wording: Sequence[str | Path] = (),
    *,
    language: str = "en",
) -> Library:
    """The instruments and area profiles: the bundled ones, with any in
    ``questionnaire_dirs`` replacing those of the same id, and wording overlays
    (files or folders) applied. Load it once and pass it to the other functions.

    ``language`` (``"en"`` or ``"cy"``) puts the bundled instruments', profiles', rule
    prompts' and advice's words in that language before the wording overlays; scores are
    the same in every language. An unknown language raises a :class:`StalkscreenError`
    (a usage error: exit 2 on the command line)."""
    return _library.load_library(
        tuple(Path(d) for d in questionnaire_dirs),
        tuple(Path(w) for w in wording),
        language,
    )


@functools.cache
def _bundled() -> Library:
    """The bundled library, loaded on first use when no library is given."""
    return load_library()


def parse_answers(source: AnswersSource, library: Library | None = None) -> AnswerSet:
    """A validated screening from a mapping, YAML or JSON text, or a file path.

    Accepts exactly what an answer file may hold, the contract's shorthand included
    (``{"dash": {"q1": "yes", "q2": True, "q5": "dk"}}``). A ``str`` is the text of an
    answer file, never a path: pass a :class:`~pathlib.Path` to read a file.
    """
    return _parse(source, library or _bundled(), "<data>")


def _parse(source: AnswerSet | AnswersSource, library: Library, label: str) -> AnswerSet:
    if isinstance(source, AnswerSet):
        return source
    if isinstance(source, Path):
        return load_answers(source, library.definitions)
    if isinstance(source, str):
        text_label = "<text>" if label == "<data>" else label
        doc = parse_text(source, text_label, fmt=".json" if source.lstrip()[:1] == "{" else None)
    elif isinstance(source, Mapping):
        doc = Document(path=label, text="", data=dict(source))
    else:
        kind = type(source).__name__
        raise TypeError(f"parse_answers takes a mapping, a str of YAML/JSON or a Path, not {kind}")
    require_mapping(doc, _WHAT)
    return answers_from_data(doc.data, doc, library.definitions)


def score(
    answers: AnswerSet | AnswersSource,
    library: Library | None = None,
    *,
    profile: str | None = None,
) -> Screening:
    """Score one screening (anything :func:`parse_answers` takes, or its result).

    The area profile is ``profile``, else the one the answers name, else ``default``.
    ``Screening.contract()`` gives the score output of the contract.
    """
    lib = library or _bundled()
    parsed = _parse(answers, lib, "<data>")
    return _score(parsed, lib, lib.profile(profile or parsed.profile or "default").profile)


def score_many(
    sources: Iterable[AnswerSet | AnswersSource],
    library: Library | None = None,
    *,
    profile: str | None = None,
) -> Iterator[Screening]:
    """Score screenings one at a time, in order, as the iterator is read: any number,
    in constant memory. Bad input raises :class:`InvalidInputError` naming its
    position (``<item 3>``, counted from 1) unless it is a path, which is named.

    For parallel scoring into CSV, JSON Lines, SQLite or Excel use ``stalkscreen batch``.
    """
    lib = library or _bundled()
    for position, source in enumerate(sources, 1):
        parsed = _parse(source, lib, f"<item {position}>")
        chosen = lib.profile(profile or parsed.profile or "default").profile
        yield _score(parsed, lib, chosen)


@overload
def render_report(
    answers: AnswerSet | AnswersSource,
    library: Library | None = None,
    *,
    format: Literal["md", "html", "json"] = "md",
    profile: str | None = None,
    template_dirs: Sequence[str | Path] = (),
    marking: str | None = None,
    form: Literal["summary", "marac"] = "summary",
    language: str = "en",
) -> str: ...


@overload
def render_report(
    answers: AnswerSet | AnswersSource,
    library: Library | None = None,
    *,
    format: Literal["pdf"],
    profile: str | None = None,
    template_dirs: Sequence[str | Path] = (),
    marking: str | None = None,
    form: Literal["summary", "marac"] = "summary",
    language: str = "en",
) -> bytes: ...


def render_report(
    answers: AnswerSet | AnswersSource,
    library: Library | None = None,
    *,
    format: Literal["md", "html", "json", "pdf"] = "md",
    profile: str | None = None,
    template_dirs: Sequence[str | Path] = (),
    marking: str | None = None,
    form: Literal["summary", "marac"] = "summary",
    language: str = "en",
) -> str | bytes:
    """The referral summary of one screening: Markdown, HTML or JSON (the template
    context) as text, PDF as bytes (needs the ``pdf`` extra). ``form="marac"``: the MARAC
    referral form instead (JSON: its fields); a screening MARAC is not for raises
    :class:`~stalkscreen.report.marac.NotAMaracCase` (exit code 3). The same as
    ``stalkscreen report [--form marac]``, without the audit event: record disclosures
    yourself.

    ``language`` is ``en``, ``cy`` (Welsh) or ``cy+en`` (bilingual: the whole summary in
    Welsh, then in English; md, html or pdf). With no ``library``, the bundled one is
    loaded in each language; a given library is used for every language."""
    from stalkscreen import i18n
    from stalkscreen.report.bilingual import Format, render_languages

    code = i18n.check_language(language, bilingual=True, where="language")
    dirs = tuple(Path(d) for d in template_dirs)

    def render(code: str, each: Format) -> str | bytes:
        lib = library or _in_language(code)
        parsed = _parse(answers, lib, "<data>")
        chosen = lib.profile(profile or parsed.profile or "default").profile
        screening = _score(parsed, lib, chosen)
        if form == "marac":
            from stalkscreen.report.marac_render import render_marac

            return render_marac(
                parsed, screening, lib, chosen, each, template_dirs=dirs, marking=marking
            )
        return _render_report(
            parsed, screening, lib, chosen, each, template_dirs=dirs, marking=marking
        )

    return render_languages(i18n.languages_of(code), format, render)


@functools.cache
def _in_language(code: str) -> Library:
    from stalkscreen.definitions.languages import load_library_in

    return load_library_in((), (), code)
