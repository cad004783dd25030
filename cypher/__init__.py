"""The Cypher kg runs (schema, load, lookups, ready queries), shipped as package data
and read with importlib.resources: `files("kg.cypher") / "schema.cypher"`."""
