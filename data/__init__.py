"""Data shipped with kg: the bundled corpus, `files("kg.data") / "hf-trending"`."""
