"""The Neo4j Python driver, imported without its optional NumPy, pandas and PyArrow.

The driver imports those three whenever they are installed, for Result.to_df() and
the like, which kg never calls. With kg's notebook or dask extra installed that was
most of every `--backend neo4j` command: 0.74 s of 0.95 s for `kg neighbors` on a
busy machine. A library already imported is left as it is; one that is not is hidden
only while the driver loads (None in sys.modules reads as "not installed"), so a later
`import pandas` works as usual. Every kg module takes the driver from here.
"""

from __future__ import annotations

import sys

OPTIONAL = ("numpy", "pandas", "pyarrow")

hidden = [name for name in OPTIONAL if name not in sys.modules]
sys.modules.update(dict.fromkeys(hidden))
try:
    import neo4j
    from neo4j.exceptions import (
        AuthError,
        ClientError,
        DriverError,
        Neo4jError,
        ServiceUnavailable,
        SessionExpired,
    )
    from neo4j.graph import Node, Path, Relationship
finally:
    for name in hidden:
        if sys.modules.get(name, False) is None:
            del sys.modules[name]

__all__ = ["AuthError", "ClientError", "DriverError", "Neo4jError", "Node", "Path",
           "Relationship", "ServiceUnavailable", "SessionExpired", "neo4j"]
