"""`kg bench scale` on a tiny corpus: every step measured in child processes, ratios to
the bare start, and a command that fails reported with its error, not raised."""

from __future__ import annotations

import sys

import pytest

from kg.bench.scale import bench_scale, run_child, table
from kg.store import StoreError


def test_a_small_run_measures_build_and_every_query(tmp_path):
    seen = []
    results = bench_scale([25], tmp_path, repeat=1, on_result=lambda r: seen.append(r))
    size = results["sizes"][0]
    assert size["papers"] == 25 and size["build"]["ok"] and size["store_mb"] > 0
    assert set(size["queries"]) == {"neighbors", "show", "stats", "cites", "cited-by", "path",
                                    "top-pagerank", "search"}
    for name, query in size["queries"].items():
        assert query["ok"], (name, query)
        assert query["seconds"] > 0 and query["peak_mb"] > 0 and query["x_start"] > 0
        assert query["x_start"] == round(query["seconds"] / query["start_seconds"], 2)
    assert len(seen) >= 9  # the build, then each query, reported as it finished
    assert any(line.strip().startswith("25  top-pagerank") for line in table(results))
    again = bench_scale([25], tmp_path, repeat=1, build=False)["sizes"][0]
    assert "build" not in again and again["store_mb"] == size["store_mb"]
    assert all(query["ok"] for query in again["queries"].values())
    with pytest.raises(StoreError, match="no store in"):
        bench_scale([26], tmp_path, repeat=1, build=False)


def test_a_failing_command_reports_its_last_error_line_and_a_slow_one_is_killed():
    failed = run_child([sys.executable, "-c", "import sys; sys.exit('boom')"], timeout=60)
    assert failed.code == 1 and failed.error == "boom"
    killed = run_child([sys.executable, "-c", "import time; time.sleep(60)"], timeout=1)
    assert killed.code is None and killed.seconds < 30
