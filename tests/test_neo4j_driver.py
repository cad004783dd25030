"""kg takes the Neo4j driver without its optional pandas, NumPy and PyArrow (half a
second of every `--backend neo4j` command), and leaves them importable."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import kg.neo4j.query
print(sorted(name for name in ("numpy", "pandas", "pyarrow") if name in sys.modules))
import pandas
from neo4j._optional_deps import pd
print(pandas.DataFrame({"a": [1]}).shape, pd)
"""


def test_driver_loads_without_pandas_which_stays_importable():
    import pandas  # noqa: F401 - the test needs it installed, or it would prove nothing

    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            check=True)
    assert result.stdout.splitlines() == ["[]", "(1, 1) None"]
