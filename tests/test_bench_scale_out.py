"""`kg bench scale-out` end to end at tiny sizes: real builds (plain, local:1, local:2 Dask
clusters), a real Neo4j server the benchmark starts on its own ports, kg load and the bulk
import into it, the markdown table and the JSON file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.neo4j_server import free_port, neo4j_local, unavailable

KG = str(Path(sys.executable).with_name("kg"))


def test_scale_out_measures_builds_loads_and_imports_side_by_side(tmp_path):
    if not shutil.which("java"):
        unavailable("no java to run scripts/neo4j-local")
    bolt, http, output = free_port(), free_port(), tmp_path / "out.json"
    # The Dask builds on the first size only (--dask-sizes): the slowest steps, tested
    # once; the second size shows the table's row without them.
    run = subprocess.run([KG, "bench", "scale-out", "--sizes", "30,60", "--dask-sizes", "30",
                          "--workdir", str(tmp_path / "work"), "--bolt-port", str(bolt),
                          "--http-port", str(http), "-o", str(output)],
                         capture_output=True, text=True, timeout=1800, check=False)
    assert run.returncode == 0, run.stderr
    results = json.loads(output.read_text())
    assert [size["papers"] for size in results["sizes"]] == [30, 60]
    for size in results["sizes"]:
        papers = size["papers"]
        assert size["build"]["ok"] and size["build"]["peak_mb"] > 0 and size["store_mb"] > 0
        assert size["stats"]["nodes"]["Paper"] == papers
        relationships = sum(size["stats"]["edges"].values())
        if papers == 30:
            for name in ("local:1", "local:2"):
                assert size["dask"][name]["ok"] and size["dask"][name]["same_stats"], name
        else:
            assert "dask" not in size
        load, imported = size["load"], size["import"]
        assert load["ok"] and load["relationships"] == relationships and load["same_counts"]
        assert load["relationships_per_second"] > 0
        assert imported["export"]["ok"] and imported["import"]["ok"]
        assert imported["relationships"] == relationships and imported["same_counts"]
        assert imported["relationships_per_second"] > 0
    table = run.stdout.splitlines()
    assert table[0].startswith("| papers | build s | build peak MB | local:1 s | local:2 s |")
    assert [line.split(" | ")[0] for line in table[2:]] == ["| 30", "| 60"]
    with_dask, without_dask = table[2:]
    assert with_dask.count("| yes |") == 2 and with_dask.endswith("| yes |")
    # no Dask builds: their cells and 'same stats' say not measured
    assert without_dask.split(" | ")[3:6] == ["–", "–", "–"] and without_dask.endswith("| yes |")
    status = neo4j_local("status", {**os.environ, "KG_NEO4J_DATA": str(tmp_path / "work/neo4j"),
                                    "KG_NEO4J_BOLT_PORT": str(bolt),
                                    "KG_NEO4J_HTTP_PORT": str(http)})
    assert status.stdout.strip() == "stopped"  # the benchmark stopped its server
