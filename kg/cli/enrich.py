"""`kg enrich`: authors, years, venues and citations of the store's papers from
OpenAlex or Semantic Scholar, then the graph derived again."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import JSON_OPTION, MODEL_OPTION, STORE_OPTION, fail, friendly_errors
from kg.cli.render import Progress, counts_line, echo, emit
from kg.enrich import SOURCES

SHOWN = 5  # rejected titles printed


@click.command()
@STORE_OPTION
@click.option("--source", type=click.Choice(SOURCES), default="openalex", show_default=True,
              help="Where to look papers up.")
@click.option("--limit", type=click.IntRange(1), default=None,
              help="Look up at most N papers (those not matched in an earlier run).")
@MODEL_OPTION
@JSON_OPTION
@friendly_errors
def enrich(store: str, source: str, limit: int | None, model: str, as_json: bool) -> None:
    """Look the store's papers up in OpenAlex (default) or Semantic Scholar and add
    the authors, year, venue, DOI, arXiv id and cited works they lack; then derive
    the graph again, so cited works become CITES edges and in-text markers
    ("Liu et al., 2025") resolve to store papers by their authors and year.

    A paper is looked up by DOI or arXiv id when it has one, else by title, and a
    work is taken only if its title matches. Answers are cached in the store folder.
    OpenAlex: KG_OPENALEX_URL, KG_CONTACT_EMAIL (polite pool), KG_OPENALEX_API_KEY;
    Semantic Scholar: KG_S2_URL, KG_S2_API_KEY. If the API cannot be used, the
    store is left unchanged.
    """
    from kg.build import add_papers
    from kg.enrich.http import EnrichError
    from kg.enrich.lookup import enrich_papers, open_source
    from kg.store import StoreError, stored_papers

    papers = list(stored_papers(store))
    if not papers:
        raise StoreError(f"no papers in {store}/ — run `kg build` first")
    lookup = open_source(source, Path(store))
    shown = None if as_json else Progress(0, f"Asking {lookup.name}", "papers")
    try:
        result = enrich_papers(papers, lookup, limit, shown.set_total if shown else None,
                               shown.update if shown else None)
    except EnrichError as error:
        fail(f"{error}; the store is unchanged")
    finally:
        lookup.client.close()
        if shown:
            shown.finish()
    data = result.to_dict()
    if result.changed:
        # Upserted (merged into the stored papers by the identity rule) and derived
        # in one locked build: a build run meanwhile loses nothing.
        data["graph"] = add_papers(result.changed, store, model,
                                   inputs=f"{lookup.name}'s answers").as_json()
    emit(data, as_json, enrich_text)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def enrich_text(data: dict) -> None:
    echo(f"{data['source']}: {plural(data['looked_up'], 'paper')} looked up, "
         f"{data['matched']} matched; {plural(data['citations'], 'citation')} added "
         f"({data['citations_inside']} between store papers)")
    for rejected in data["rejected"][:SHOWN]:
        echo(f"  rejected for “{rejected['paper']}”: “{rejected['found']}” (title differs)")
    if len(data["rejected"]) > SHOWN:
        echo(f"  … and {len(data['rejected']) - SHOWN} more rejected (--json lists them)")
    if data["untitled_left_out"]:
        echo(f"  {plural(data['untitled_left_out'], 'cited work')} left out: "
             f"{data['source']} gave no title")
    if "graph" in data:
        echo(counts_line("Nodes", data["graph"]["nodes"]))
        echo(counts_line("Edges", data["graph"]["edges"]))
    else:
        echo("Nothing new: the store is unchanged.")


COMMANDS = [enrich]
