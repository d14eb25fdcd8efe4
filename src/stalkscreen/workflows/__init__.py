"""What each command does, as one function per job, below the command line.

The layer between :mod:`stalkscreen.cli` (which parses flags, calls one function
here and prints) and the core (reading, scoring, reports, batch, interviews):

* :mod:`.common` — the start of every job: the reason and keys (:class:`.common.Session`),
  the definitions and profiles in force, the one profile precedence, the audit facts of
  a screening, and delivering a rendered view (stdout or a file, with its disclosure);
* :mod:`.scoring` — ``score``: load, score, record the consultation, render a summary;
* :mod:`.report` — ``report``: the referral summary, with the change since a previous one;
* :mod:`.rescreen` — ``compare`` and ``history``;
* :mod:`.screen` — opening, resuming and finishing an interview, with its audit events;
* :mod:`.drafts` — ``drafts`` (the list, with progress) and ``drafts purge``;
* :mod:`.incident_log` — ``log import``.

Nothing here imports typer or rich: the jobs are usable from any front end.
"""
