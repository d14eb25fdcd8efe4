"""The architecture holds: the layer contract, no import cycles, no ``assert`` in the code.

The contracts are in pyproject.toml (``[tool.importlinter]``, README "Architecture");
import-linter checks them over every import, function-level and type-checking ones
included. ``.ci/run`` runs the same check as ``lint-imports``.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "stalkscreen"


def test_the_layer_contract_and_no_import_cycles() -> None:
    # in a process of its own: import-linter's graph builder starts threads that outlive
    # the call, and the batch tests need a process running one thread (to fork workers)
    check = (
        "import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(no_cache=True))"
    )
    done = subprocess.run(
        [sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


def test_no_assert_guards_the_code() -> None:
    """``python -O`` removes asserts: a check that matters must raise whatever the flags."""
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted(SRC.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Assert)
    ]
    assert found == []
