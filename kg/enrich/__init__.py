"""`kg enrich`: what bibliographic APIs know about the store's papers.

For each paper read in full, the source (OpenAlex or Semantic Scholar) is asked
for its work, by DOI or arXiv id when the paper has one, else by title; a work
is taken only when its title matches the paper's (`works.titles_match`), never
as the first hit blindly. A matched paper gains the authors, year, venue, DOI
and arXiv id it lacks, and a reference per work it cites: to the store paper
when the cited work is one (same work id, DOI or title), else to an external
work named by its title (fetched in batches; a cited work whose title cannot be
had is left out, never kept as a bare id). The graph built from the papers then
has their CITES edges, and in-text markers ("Liu et al., 2025") resolve to store
papers by the authors and years enrichment gave them.

    lookup            enrich_papers(papers, source) asks and changes the papers in place
                      (nothing is written); open_source(name, store); Enrichment
    http              the HTTP client: on-disk cache, retries, backoff
    openalex, semantic_scholar   each API's lookups and record shapes
    works             Work (one shape for both), the title test

Importing kg.enrich itself is cheap (the CLI reads SOURCES); the modules load httpx.
"""

SOURCES = ("openalex", "semantic-scholar")
