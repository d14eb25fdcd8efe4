"""stalkscreen's own folders stay private (issue 21, point 13).

Folders stalkscreen creates are 0700 from the start (:mod:`stalkscreen.storage`).
One that already exists may be open to other users (made by hand, or restored
from a backup with a loose umask): its file names alone can tell others that
screenings exist. Each time stalkscreen uses one of its own folders (the data
folder, drafts, screenings, the config folder, the audit log's folder) and
finds it open, it makes it 0700 and says so in one line.

POSIX only: on Windows the mode bits say nothing about who may read a folder
(the user profile's access control lists protect it).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from stalkscreen.errors import shown
from stalkscreen.notices import notice
from stalkscreen.translation import gettext


def tighten(path: Path) -> bool:
    """Make ``path`` (a folder of ours) 0700 if others may use it; True when changed."""
    if os.name != "posix":
        return False
    try:
        info = path.stat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or not info.st_mode & 0o077:
        return False
    if info.st_uid != os.getuid():
        return False  # not ours to change
    try:
        path.chmod(0o700)
    except OSError:
        return False
    was = stat.S_IMODE(info.st_mode)
    said = gettext("{path} was open to other users (mode {mode}); it is now private (0700)")
    notice([said.format(path=shown(path), mode=f"{was:o}")])
    return True
