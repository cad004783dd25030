"""`kg viz`: interactive single-file pages of the graph."""

from __future__ import annotations

import click

from kg.cli.options import STORE_OPTION, friendly_errors
from kg.cli.render import echo
from kg.model import NODE_LABELS


@click.command()
@click.argument("name", required=False)
@click.option("-o", "--output", type=click.Path(), help="HTML file to write.")
@click.option("--all", "all_dir", type=click.Path(), metavar="DIR",
              help="Instead of NAME: DIR/index.html, a map of the corpus by community, and "
                   "a page for each of its top methods, datasets and concepts.")
@click.option("--depth", type=click.IntRange(1, 3), default=1, show_default=True,
              help="Hops from NAME.")
@click.option("--types", multiple=True, metavar="TYPES",
              help="Only nodes of these types, comma-separated or repeated (e.g. Paper,Method).")
@click.option("--min-weight", type=click.IntRange(1), default=1, show_default=True,
              help="Only edges of at least this weight (times the text names the link).")
@click.option("--limit", type=click.IntRange(1), default=None,
              help="At most this many nodes around NAME, nearest and papers first.")
@click.option("--open", "open_page", is_flag=True,
              help="Open the page (the map with --all) in the default browser.")
@STORE_OPTION
@friendly_errors
def viz(name: str | None, output: str | None, all_dir: str | None, depth: int,
        types: tuple[str, ...], min_weight: int, limit: int | None, open_page: bool,
        store: str) -> None:
    """Write an interactive page of the graph around NAME to -o FILE.html, or with
    --all DIR a map of the whole corpus. Pages work offline: open them in any
    browser (--open does).
    """
    import kg
    from kg.viz import viz as write_page
    from kg.viz import viz_all

    if all_dir is not None:
        if name or output:
            raise click.UsageError("give either NAME -o FILE.html or --all DIR, not both")
        with kg.open(store) as graph:
            path = viz_all(graph, all_dir)
        echo(f"Wrote {path} and the pages it links to")
        if open_page:
            click.launch(str(path))
        return
    if not name or not output:
        raise click.UsageError("give NAME and -o FILE.html (or --all DIR)")
    labels = {label.lower(): label for label in NODE_LABELS}
    wanted = [part.strip() for value in types for part in value.split(",") if part.strip()]
    unknown = [part for part in wanted if part.lower() not in labels]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}: not a type; the types are "
                                 f"{', '.join(NODE_LABELS)}", param_hint="--types")
    with kg.open(store) as graph:  # reads only the neighbourhood
        path = write_page(graph, name, output, depth=depth, min_weight=min_weight,
                          types=[labels[part.lower()] for part in wanted] or None, limit=limit)
    echo(f"Wrote {path}")
    if open_page:
        click.launch(str(path))


COMMANDS = [viz]
