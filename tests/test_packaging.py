"""The project's set-up files agree with each other."""
import re
import tomllib

import yaml

from conftest import ROOT

CONDA_NAMES = {"vadersentiment": "vadersentiment", "pyyaml": "pyyaml"}


def _names(requirements):
    return {re.split(r"[<>=\[ ;]", r, maxsplit=1)[0].lower() for r in requirements}


def test_environment_yml_names_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = _names(project["dependencies"]) | _names(project["optional-dependencies"]["dev"])
    wanted |= {"dask", "distributed"}  # the scale extra, spelled as conda-forge packages
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {re.split(r"[<>= ]", d, maxsplit=1)[0].lower() for d in environment["dependencies"] if isinstance(d, str)}
    conda -= {"python", "pip"}
    assert conda == wanted
    assert {"-e ."} == set(next(d for d in environment["dependencies"] if isinstance(d, dict))["pip"])


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
