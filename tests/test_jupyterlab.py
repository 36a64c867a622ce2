"""JupyterLab serves the notebooks as `make lab` does: each opens, its kernel runs the setup cell, and
the notebook view of an article looks like the report (headless Chromium, when installed).

Starts JupyterLab on loopback at the project root (127.0.0.1, a free port, a random token) with its own config and
runtime folders, talks to it over the REST API and a kernel websocket, and stops it afterwards.
Skipped when JupyterLab is not installed.
"""
import base64
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from conftest import stop_process_group
from test_browser import CHROMIUM, browser, page  # noqa: F401 - the headless Chromium fixtures

pytest.importorskip("jupyterlab")
websocket = pytest.importorskip("websocket")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
KERNEL = re.search(r"^KERNEL := (\S+)", (ROOT / "Makefile").read_text(), re.M).group(1)
STARTUP_SECONDS = 60.0
CELL_SECONDS = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Lab:
    """A running JupyterLab server and the REST calls the test needs."""

    def __init__(self, url: str, token: str):
        self.url, self.token = url, token

    def call(self, method: str, path: str, body: dict | None = None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method,
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            payload = response.read()
            return response.status, (json.loads(payload) if payload and path.startswith("/api/") else payload)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving the project root (as `make lab`) on 127.0.0.1; stopped (its whole process group) after the module."""
    port, token = free_port(), secrets.token_hex(16)
    home = tmp_path_factory.mktemp("jupyter")
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTER_PLATFORM_DIRS": "1"}
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={ROOT}", "--LabApp.default_url=/lab/tree/notebooks", "--LabApp.news_url=",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--LabApp.extension_manager=readonly", "--ServerApp.terminals_enabled=False"]
    log = (home / "lab.log").open("w")
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
                               start_new_session=True)
    server = Lab(f"http://127.0.0.1:{port}", token)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert process.poll() is None, f"JupyterLab exited: {(home / 'lab.log').read_text()[-2000:]}"
            assert time.monotonic() < deadline, "JupyterLab did not answer within a minute"
            try:
                server.call("GET", "/api/status")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        yield server
    finally:
        stop_process_group(process, timeout=20)
        log.close()


def test_the_notebooks_exist():
    assert [p.name for p in NOTEBOOKS] == ["00-start-here.ipynb", "01-quotes.ipynb", "02-sentiment.ipynb",
                                           "03-sourcing.ipynb", "04-timeline.ipynb", "05-your-own-articles.ipynb",
                                           "06-a-corpus.ipynb"]
    assert "05-your-own-articles.ipynb" in [p.name for p in NOTEBOOKS]


def test_lab_needs_the_token(lab):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{lab.url}/api/contents", timeout=30)
    assert refused.value.code == 403


def test_lab_serves_its_page(lab):
    status, page = lab.call("GET", "/lab")
    assert status == 200 and b"JupyterLab" in page


def run_cell(lab: Lab, kernel_id: str, code: str) -> tuple[str, str]:
    """Run `code` in the kernel over its websocket; returns (reply status, text the cell printed)."""
    session = uuid.uuid4().hex
    channel = websocket.create_connection(
        f"{lab.url.replace('http', 'ws', 1)}/api/kernels/{kernel_id}/channels?session_id={session}",
        header=[f"Authorization: token {lab.token}"], timeout=CELL_SECONDS, suppress_origin=True)
    try:
        msg_id = uuid.uuid4().hex
        channel.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test", "session": session,
                       "date": "", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        printed, status, idle = [], None, False
        deadline = time.monotonic() + CELL_SECONDS
        while (status is None or not idle) and time.monotonic() < deadline:
            message = json.loads(channel.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["header"]["msg_type"]
            if kind == "stream":
                printed.append(message["content"]["text"])
            elif kind == "error":
                printed.append("\n".join(message["content"]["traceback"]))
            elif kind == "execute_reply":
                status = message["content"]["status"]
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                idle = True
        return status, "".join(printed)
    finally:
        channel.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_opens_and_its_kernel_runs_the_setup_cell(lab, notebook):
    status, model = lab.call("GET", f"/api/contents/notebooks/{notebook.name}?content=1&type=notebook")
    assert status == 200 and model["type"] == "notebook"
    cells = model["content"]["cells"]
    assert cells[0]["cell_type"] == "markdown" and cells[0]["source"].startswith(f"# {notebook.name[:2]} ·")
    setup = next(c["source"] for c in cells if c["cell_type"] == "code")
    assert "import presslens" in setup
    assert lab.call("GET", f"/lab/tree/notebooks/{notebook.name}")[0] == 200
    kernel = model["content"]["metadata"]["kernelspec"]["name"]
    assert kernel == KERNEL  # the kernel `make setup` registers inside .venv, not a "python3" found elsewhere

    _, session = lab.call("POST", "/api/sessions", {"path": f"notebooks/{notebook.name}", "type": "notebook",
                                                   "name": notebook.name, "kernel": {"name": kernel}})
    try:
        status, printed = run_cell(lab, session["kernel"]["id"], setup + "\nprint('setup ran:', presslens.__version__)")
        assert status == "ok", printed
        assert "setup ran: " in printed
    finally:
        lab.call("DELETE", f"/api/sessions/{session['id']}")


def test_the_reports_and_data_folders_are_in_the_file_browser(lab):
    """Exercises send students to reports/report.html and src/presslens/data/profiles/syria.yaml."""
    status, model = lab.call("GET", "/api/contents/src/presslens/data/profiles")
    assert status == 200 and "syria.yaml" in [item["name"] for item in model["content"]]
    assert lab.call("GET", "/lab")[0] == 200


def test_make_lab_opens_the_project_root_on_notebooks_and_allows_root():
    command = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    line = next(line for line in command.splitlines() if " lab " in f"{line} ")
    assert f'--ServerApp.root_dir="{ROOT}"' in line and "--LabApp.default_url=/lab/tree/notebooks" in line
    assert ("--allow-root" in line) == (os.geteuid() == 0)
    assert "ipykernel install" not in command  # the kernel is registered by `make setup`, inside .venv
    setup = subprocess.run(["make", "-n", "-B", ".venv/.installed"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout
    assert f"ipykernel install --sys-prefix --name {KERNEL} " in setup
    clean = subprocess.run(["make", "-n", "clean"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert ".venv" in clean.split() and "notebooks/.ipynb_checkpoints" in clean.split()


# ---- the notebook view in a real JupyterLab page ----------------------------------------------------

VIEW_FACTS = """(() => {
  const view = document.querySelector(".jp-OutputArea-output .presslens-view");
  if (!view) return null;
  view.scrollIntoView();
  const swatches = [...view.querySelectorAll(".legend .swatch")];
  const labels = [...view.querySelectorAll("span.speaker")];
  const gaps = labels.filter(l => l.nextElementSibling).map(l => {  // to the quote's first line box
    const label = l.getBoundingClientRect(), quote = l.nextElementSibling.getClientRects()[0];
    return quote.top >= label.bottom ? 99 : quote.left - label.right;  // 99: the quote starts on the next line
  });
  return {
    swatches: swatches.length,
    swatchesShown: swatches.filter(s => s.getBoundingClientRect().width >= 8 &&
                                   getComputedStyle(s).backgroundColor !== "rgba(0, 0, 0, 0)").length,
    bullets: [...view.querySelectorAll(".legend li")].filter(li => getComputedStyle(li).listStyleType !== "none"
                                                             && getComputedStyle(li.parentNode).listStyleType !== "none").length,
    labels: labels.length,
    labelsApart: gaps.filter(g => g >= 2).length,
    labelsBoxed: labels.filter(l => getComputedStyle(l).display === "inline-block").length,
    gaps: gaps.length,
  };
})()"""


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed")
def test_the_notebook_view_looks_like_the_report_in_jupyterlab(lab, page, tmp_path):
    """00-start-here as stored (untrusted, so JupyterLab sanitises its HTML): swatches, boxed labels."""
    page.send("Emulation.setDeviceMetricsOverride", width=1280, height=1000, deviceScaleFactor=1, mobile=False)
    page.send("Page.navigate", url=f"{lab.url}/lab/tree/notebooks/00-start-here.ipynb?token={lab.token}")
    deadline = time.monotonic() + STARTUP_SECONDS
    facts = None
    while facts is None and time.monotonic() < deadline:
        time.sleep(0.5)
        facts = page.evaluate(VIEW_FACTS)
    assert facts is not None, "the notebook view did not appear in JupyterLab"
    time.sleep(0.5)
    shot = base64.b64decode(page.send("Page.captureScreenshot", format="png")["data"])
    (tmp_path / "notebook-view.png").write_bytes(shot)
    assert shot.startswith(b"\x89PNG") and len(shot) > 10_000
    assert facts["swatches"] == 3 and facts["swatchesShown"] == 3 and facts["bullets"] == 0, facts
    assert facts["labels"] >= 9 and facts["labelsBoxed"] == facts["labels"], facts
    assert facts["labelsApart"] == facts["gaps"] > 0, facts  # "rebels" never runs into "the capital ..."
