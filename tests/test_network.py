"""No command ever opens a network connection (issue 6).

Every command runs in one child process whose ``sitecustomize`` replaces the
socket functions that reach the network with ones that record the attempt and
fail. The test passes only if nothing was recorded and every command ended as
expected.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.conftest import dash_answers, screening_data

ROOT = Path(__file__).resolve().parent.parent

SITECUSTOMIZE = textwrap.dedent(
    """
    import os, socket

    _LOG = os.environ["NET_RECORD"]

    def _record(what, *args, **kwargs):
        with open(_LOG, "a") as handle:
            handle.write(f"{what} {args!r}\\n")
        raise OSError("network use is forbidden in this test")

    def _connect(self, *args, **kwargs):
        return _record("connect", *args)

    socket.socket.connect = _connect
    socket.socket.connect_ex = _connect
    socket.socket.sendto = lambda self, *a, **k: _record("sendto", *a)
    socket.getaddrinfo = lambda *a, **k: _record("getaddrinfo", *a)
    socket.gethostbyname = lambda *a, **k: _record("gethostbyname", *a)
    socket.create_connection = lambda *a, **k: _record("create_connection", *a)
    """
)

DRIVER = textwrap.dedent(
    """
    import io, json, sys
    from stalkscreen.cli.errors import run
    from stalkscreen.cli.main import app

    codes = []
    for argv, stdin in json.loads(sys.argv[1]):
        sys.stdin = io.StringIO(stdin)
        codes.append(run(app, argv))
    print("CODES " + json.dumps(codes))
    """
)


def test_no_command_touches_the_network(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    record = tmp_path / "net.log"
    data = screening_data(
        {"dash": {**dash_answers(range(1, 16)), "q2": {"answer": "yes", "comment":
         "<img src='http://example.invalid/x.png'> ![x](https://example.invalid/y)"}}},
        reference="T/NET/1",
    )  # fmt: skip
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml.safe_dump(data))
    ident = tmp_path / "id.txt"
    try:
        import weasyprint  # noqa: F401

        pdf = [[["report", str(answers), "-f", "pdf", "-o", str(tmp_path / "s.pdf")], ""]]
    except Exception:
        pdf = []
    commands = [
        [["--version"], ""],
        [["about"], ""],
        [["schema", "answers"], ""],
        [["questionnaires", "list"], ""],
        [["questionnaires", "show", "dash"], ""],
        [["questionnaires", "validate", str(ROOT / "questionnaires")], ""],
        [["score", str(answers), "--json"], ""],
        [["report", str(answers)], ""],
        [["report", str(answers), "-f", "html", "-o", str(tmp_path / "s.html")], ""],
        *pdf,
        [["batch", str(answers), "-o", str(tmp_path / "out.csv")], ""],
        [["keys", "new", "--out", str(ident)], ""],
        [["screen", "--out", str(tmp_path / "d.yaml"), "--plain"], "T/NET/2\n\n"],
        [["drafts"], ""],
        [["drafts", "purge", "--older-than", "12h"], ""],
        [["audit", "show"], ""],
    ]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), str(ROOT / "src")]),
        "NET_RECORD": str(record),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "NO_COLOR": "1",
    }
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(commands)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=tmp_path,
    )
    assert not record.exists(), record.read_text()
    assert proc.returncode == 0, proc.stderr[-2000:]
    codes = json.loads(proc.stdout.rsplit("CODES ", 1)[1])
    expected = [0] * len(commands)
    expected[[c[0][0] for c in commands].index("screen")] = 130  # end of input saves the draft
    assert codes == expected, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("probe", ["getaddrinfo", "create_connection"])
def test_the_guard_itself_records(tmp_path: Path, probe: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    record = tmp_path / "net.log"
    call = f"socket.{probe}(('example.invalid', 80))"
    code = f"import socket\ntry:\n    {call}\nexcept OSError:\n    pass"
    env = {**os.environ, "PYTHONPATH": str(site), "NET_RECORD": str(record)}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert probe in record.read_text()
