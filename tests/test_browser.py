"""report.html in a real browser: headless Chromium over the DevTools protocol.

Skipped where no Chromium is installed (`.ci/run` installs Debian's `chromium`). Checks that the
highlighted quotes and the charts are shown, that nothing is fetched from outside the file, that
the page logs no console errors, and takes a screenshot; with PRESSLENS_UPDATE_SCREENSHOT=1 it
replaces docs/img/report.png, the README's picture.
"""
import base64
import dataclasses
import json
import os
import re
import shutil
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from conftest import stop_process_group

import presslens
from presslens import report, sources

websocket = pytest.importorskip("websocket")

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "docs" / "img" / "report.png"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 30.0
CHROMIUM = next((found for name in BROWSERS if (found := shutil.which(name))), None)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed")


class DevTools:
    """A minimal Chrome DevTools Protocol client for one page: commands, and the events seen so far."""

    def __init__(self, url: str):
        self.socket = websocket.create_connection(url, timeout=TIMEOUT, suppress_origin=True)
        self.events: list[dict] = []
        self.next_id = 0

    def send(self, method: str, **params) -> dict:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                assert "error" not in message, f"{method}: {message['error']}"
                return message["result"]
            self.events.append(message)
        raise TimeoutError(method)

    def wait_for(self, method: str) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            found = next((e for e in self.events if e.get("method") == method), None)
            if found:
                return found
            self.events.append(json.loads(self.socket.recv()))
        raise TimeoutError(method)

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"]["value"]

    def close(self):
        self.socket.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A headless Chromium with remote debugging on loopback; yields the DevTools HTTP address."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={profile}",
               "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank"]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    found: list[str] = []

    def read_stderr():
        for line in process.stderr:
            match = re.search(r"DevTools listening on ws://([\d.]+:\d+)/", line)
            if match and not found:
                found.append(match.group(1))

    threading.Thread(target=read_stderr, daemon=True).start()
    try:
        deadline = time.monotonic() + TIMEOUT
        while not found and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert found, f"Chromium did not start (exit code {process.poll()})"
        yield f"http://{found[0]}"
    finally:
        stop_process_group(process, timeout=10)


@pytest.fixture()
def page(browser):
    """A fresh browser tab with console, log, network and page events switched on."""
    request = urllib.request.Request(f"{browser}/json/new?about:blank", method="PUT")
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        target = json.load(response)
    tools = DevTools(target["webSocketDebuggerUrl"])
    for domain in ("Page", "Runtime", "Log", "Network"):
        tools.send(f"{domain}.enable")
    yield tools
    tools.close()
    urllib.request.urlopen(f"{browser}/json/close/{target['id']}", timeout=TIMEOUT).close()


def open_report(tools: DevTools, path: Path) -> None:
    tools.events.clear()
    tools.send("Emulation.setDeviceMetricsOverride", width=960, height=1500, deviceScaleFactor=1, mobile=False)
    tools.send("Page.navigate", url=path.resolve().as_uri())
    tools.wait_for("Page.loadEventFired")


def console_errors(tools: DevTools) -> list:
    errors = [e["params"] for e in tools.events if e.get("method") == "Runtime.exceptionThrown"]
    errors += [e["params"] for e in tools.events
               if e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert")]
    errors += [e["params"] for e in tools.events
               if e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error"]
    return errors


def requested_urls(tools: DevTools) -> list[str]:
    return [e["params"]["request"]["url"] for e in tools.events if e.get("method") == "Network.requestWillBeSent"]


PAGE_FACTS = """(() => {
  const marks = [...document.querySelectorAll("mark.quote")];
  const images = [...document.querySelectorAll("figure.chart img")];
  return {
    speakers: [...document.querySelectorAll("span.speaker")].map(s => s.textContent),
    quotes: [...new Set(marks.map(m => m.dataset.quote))].sort(),
    tinted: marks.every(m => getComputedStyle(m).backgroundColor !== "rgba(0, 0, 0, 0)"),
    images: images.length,
    imagesShown: images.filter(i => i.complete && i.naturalWidth > 100 && i.getBoundingClientRect().width > 100).length,
    scripts: document.scripts.length,
    title: document.title,
  };
})()"""


def test_seed_report_shows_quotes_and_charts_without_errors(page, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # the source file shows as seeds/..., no machine path in the README's picture
    analysis = presslens.analyze(presslens.load("seeds"))
    assert analysis.articles["origin"].tolist() == ["seeds/khaldiyeh-homs.txt"]
    path = report.write(analysis, tmp_path / "report")
    open_report(page, path)
    facts = page.evaluate(PAGE_FACTS)
    expected_charts = len(report.CHARTS)  # sources, tone and timeline: the seed has all three
    assert facts["title"] == analysis.article().title
    assert len(facts["speakers"]) == len(analysis.quotes) > 0
    assert facts["quotes"] == sorted(set(analysis.quotes["quote_id"].astype(str)))
    assert facts["tinted"]
    assert facts["images"] == facts["imagesShown"] == expected_charts
    assert facts["scripts"] == 0
    assert all(url.startswith(("file:", "data:")) for url in requested_urls(page)), requested_urls(page)
    assert console_errors(page) == []
    shot = page.send("Page.captureScreenshot", format="png",
                     clip={"x": 0, "y": 0, "width": 960, "height": 1500, "scale": 1})
    png = base64.b64decode(shot["data"])
    assert png.startswith(b"\x89PNG")
    (tmp_path / "report.png").write_bytes(png)
    if os.environ.get("PRESSLENS_UPDATE_SCREENSHOT"):  # refresh the README's picture on request only
        SCREENSHOT.write_bytes(png)


def test_hostile_article_runs_no_script_and_loads_nothing(page, tmp_path):
    text = ("Breaking <script>console.error('injected')</script>\n\n"
            "He said \"<img src=\"http://127.0.0.1:9/x.png\" onerror=\"console.error('img')\">\" today.\n\n"
            "<style>body{display:none}</style><link rel=stylesheet href=\"http://127.0.0.1:9/x.css\">")
    article = presslens.from_text(text, id="hostile", title="<b onmouseover=alert(1)>T</b>")
    analysis = presslens.analyze(article)
    start = text.index("\"<img")
    quotes = sources.attribute(pd.DataFrame([{"article_id": "hostile", "quote_id": "q0", "kind": "direct",
                                              "start": start, "end": text.index(" today"), "paragraph": 1,
                                              "text": text[start:text.index(" today")],
                                              "speaker": "<script>console.error('speaker')</script>"}]))
    quotes["compound"] = 0.0
    path = report.write(dataclasses.replace(analysis, quotes=quotes), tmp_path / "hostile")
    open_report(page, path)
    facts = page.evaluate(PAGE_FACTS)
    assert facts["scripts"] == 0
    assert facts["speakers"] == ["<script>console.error('speaker')</script>"]
    assert page.evaluate("document.body.innerText.includes(\"<script>console.error('injected')</script>\")")
    assert page.evaluate("getComputedStyle(document.body).display") != "none"
    assert all(url.startswith(("file:", "data:")) for url in requested_urls(page)), requested_urls(page)
    assert console_errors(page) == []


# ---- a class's view: desktop, phone and print; quote kinds, label contrast, sharp charts (classb, issue 14) ----

LAYOUT_FACTS = """(() => {
  const page = document.documentElement;
  const tables = [...document.querySelectorAll("table")].map(t => {
    const box = t.closest(".table-wrap");
    return {scrolls: !!box && ["auto", "scroll"].includes(getComputedStyle(box).overflowX),
            hidden: box ? box.scrollWidth - box.clientWidth : t.scrollWidth - t.clientWidth,
            right: t.getBoundingClientRect().right};
  });
  return {pageOverflow: page.scrollWidth - window.innerWidth, bodyRight: document.body.getBoundingClientRect().right,
          tables};
})()"""

# width in CSS pixels, media; print: A4 (210 mm = 794 px) less the report's 1.6 cm page margins
VIEWS = {"desktop": (1280, "screen"), "phone": (375, "screen"), "print": (794 - 121, "print")}


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    analysis = presslens.analyze(presslens.load(ROOT / "seeds"))
    return analysis, report.write(analysis, tmp_path_factory.mktemp("seed-report"))


@pytest.mark.parametrize("view", VIEWS)
def test_tables_scroll_on_a_phone_and_keep_every_column_in_print(page, seed_report, tmp_path, view):
    width, media = VIEWS[view]
    page.events.clear()
    page.send("Emulation.setDeviceMetricsOverride", width=width, height=1200, deviceScaleFactor=1,
              mobile=view == "phone")
    page.send("Emulation.setEmulatedMedia", media=media)
    page.send("Page.navigate", url=seed_report[1].resolve().as_uri())
    page.wait_for("Page.loadEventFired")
    facts = page.evaluate(LAYOUT_FACTS)
    page.send("Emulation.setEmulatedMedia", media="")
    assert facts["pageOverflow"] <= 0, f"{view}: the page is wider than the screen"
    assert len(facts["tables"]) >= 4
    for table in facts["tables"]:
        if media == "print":  # paper cannot scroll: every column is on the page
            assert table["hidden"] <= 1 and table["right"] <= facts["bodyRight"] + 1, (view, table)
        else:
            assert table["hidden"] <= 1 or table["scrolls"], (view, table)
    shot = page.send("Page.captureScreenshot", format="png")
    (tmp_path / f"report-{view}.png").write_bytes(base64.b64decode(shot["data"]))


QUOTE_FACTS = """(() => {
  const parse = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = rgb => {
    const [r, g, b] = rgb.map(v => v / 255).map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(parse(a)), luminance(parse(b))].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const labels = [...document.querySelectorAll("span.speaker")].map(s => {
    const style = getComputedStyle(s);
    return {contrast: contrast(style.color, style.backgroundColor), px: parseFloat(style.fontSize)};
  });
  const underline = {};
  for (const mark of document.querySelectorAll("mark.quote")) {
    (underline[mark.dataset.kind] ||= new Set()).add(getComputedStyle(mark).borderBottomStyle);
  }
  const key = [...document.querySelectorAll(".kinds .kind-sample")].map(
    s => [s.textContent, getComputedStyle(s).borderBottomStyle]);
  const images = [...document.querySelectorAll("figure.chart img")].map(i => i.naturalWidth / i.getBoundingClientRect().width);
  return {labels, underline: Object.fromEntries(Object.entries(underline).map(([k, v]) => [k, [...v]])), key, images};
})()"""


def test_quote_kinds_label_contrast_and_chart_sharpness_in_the_browser(page, seed_report):
    analysis, path = seed_report
    open_report(page, path)
    facts = page.evaluate(QUOTE_FACTS)
    assert len(facts["labels"]) == len(analysis.quotes)
    assert min(label["contrast"] for label in facts["labels"]) >= 4.5  # WCAG AA for text
    assert min(label["px"] for label in facts["labels"]) >= 14  # readable from the back of a classroom
    assert facts["underline"] == {"direct": ["solid"], "partial": ["dashed"], "indirect": ["dotted"]}
    assert facts["key"] == [["direct", "solid"], ["partial", "dashed"], ["indirect", "dotted"]]  # explained
    assert len(facts["images"]) == len(report.CHARTS) and min(facts["images"]) >= 1.5  # 1.7-1.9 pixels per CSS pixel: sharp projected
