"""Benchmarks that need data kg makes itself: synthetic corpora of any size and the
scale benchmark run over them (`kg bench corpus`, `kg bench scale`)."""
