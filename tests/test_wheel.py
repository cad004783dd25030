"""The built wheel, not the editable install: `pip wheel` of the repository, installed
into a folder of its own, must give a working kg from an empty folder.

The wheel is installed with --no-deps into a --target folder and run with that folder
first on the path, so its dependencies come from the test environment while every
file of kg itself (code, Cypher, corpus, page assets, trained model) comes from the
wheel: a file missing from the package data fails here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The folder the built wheel was installed into (kg and nothing else)."""
    wheels = tmp_path_factory.mktemp("wheels")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                    "-q", "-w", str(wheels), str(ROOT)], check=True)
    (wheel,) = wheels.glob("kg-*.whl")
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True)
    return target


def kg(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("KG_", "NEO4J_"))}
    env["PYTHONPATH"] = str(installed)
    command = [sys.executable, "-c", "from kg.cli import main; main()", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=1800)


def test_the_wheel_adds_only_kg_with_its_data(installed):
    top = {path.name for path in installed.iterdir() if not path.name.endswith(".dist-info")}
    assert top - {"bin"} == {"kg"}
    (record,) = installed.glob("kg-*.dist-info/RECORD")
    roots = {line.split("/", 1)[0] for line in record.read_text().splitlines()}
    assert {root for root in roots if not root.endswith(".dist-info")} - {"bin", ".."} == {"kg"}
    package = installed / "kg"
    assert (package / "cypher" / "schema.cypher").is_file()
    assert list((package / "cypher" / "queries").glob("*.cypher"))
    assert len(list((package / "data" / "hf-trending").glob("*.txt"))) == 4
    assert (package / "viz" / "assets" / "vis-network.min.js").is_file()
    assert (package / "viz" / "assets" / "LICENSE-MIT").is_file()


def test_the_wheel_builds_answers_and_draws_from_an_empty_folder(installed, tmp_path):
    probe = subprocess.run([sys.executable, "-c", "import kg, sys; print(kg.__file__)"],
                           env={**os.environ, "PYTHONPATH": str(installed)}, cwd=tmp_path,
                           capture_output=True, text=True, check=True)
    assert probe.stdout.strip().startswith(str(installed))
    built = kg(installed, tmp_path, "build", "--json")
    assert built.returncode == 0, built.stderr[-2000:]
    assert json.loads(built.stdout)["papers"] == 337
    muon = kg(installed, tmp_path, "neighbors", "Muon", "--json")
    assert muon.returncode == 0, muon.stderr
    assert json.loads(muon.stdout)["match"]["name"] == "Muon"
    page = kg(installed, tmp_path, "viz", "Muon", "-o", "m.html")
    assert page.returncode == 0, page.stderr
    assert "vis-network" in (tmp_path / "m.html").read_text(encoding="utf-8")

