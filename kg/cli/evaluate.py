"""`kg eval`: extraction scored against hand annotations: kg's gold abstracts, or SciERC
and SciER files read directly."""

from __future__ import annotations

import click

from kg.cli.options import JSON_OPTION, MODEL_OPTION, fail, friendly_errors
from kg.cli.render import echo, emit, shorten

ENTITIES_OPTION = click.option(
    "--entities", type=click.Choice(["combined", "rules", "model"]), default="combined",
    show_default=True,
    help="Where entities come from: kg's rules, its trained model, or both merged.")


@click.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@MODEL_OPTION
@ENTITIES_OPTION
@click.option("--errors", is_flag=True, help="Also list what was missed and what was extra.")
@JSON_OPTION
@friendly_errors
def evaluate(gold: str, model: str, entities: str, errors: bool, as_json: bool) -> None:
    """Score extraction against GOLD: kg's gold JSON Lines (docs/annotation.md), a SciERC
    file (DyGIE .json) or a SciER file (.jsonl), told by content. Prints precision,
    recall and F1 for every type the file annotates; on gold files also PROPOSES F1,
    role accuracy and abbreviation recall; on SciERC/SciER the Method/Dataset/Task/Metric
    F1 (micro)."""
    from kg.extract.evaluate import evaluate_file

    try:
        result = evaluate_file(gold, model, entities)
    except ValueError as error:  # a file of the wrong shape (kg.extract.evaluate)
        where = str(error) if str(error).startswith(gold) else f"{gold}: {error}"
        fail(f"not a gold, SciERC or SciER file: {shorten(where, 300)}")
    if not errors:
        result.pop("errors", None)
    emit(result, as_json, scores_text(gold, entities))


def scores_text(gold: str, entities: str):
    """The text of `kg eval GOLD`."""
    def text(result: dict) -> None:
        count = result.get("papers", result.get("documents"))
        echo(f"{count} documents of {gold} ({result['format']}), entities from {entities}")
        echo(f"{'type':<10}{'precision':>10}{'recall':>8}{'F1':>7}{'gold':>6}")
        rows = list(result["types"].items())
        rows += [("PROPOSES", result["proposes"])] if "proposes" in result else \
            [("M/D/T/M", result["headline"])]
        for label, row in rows:
            echo(f"{label:<10}{row['precision']:>10.3f}{row['recall']:>8.3f}"
                 f"{row['f1']:>7.3f}{row['gold']:>6}")
        if "role_accuracy" in result:
            echo(f"role accuracy (PROPOSES vs USES): {result['role_accuracy']:.3f}")
            echo(f"abbreviation recall: {result['abbreviation_recall']:.3f}")
        for error in result.get("errors", []):
            echo(f"- {error['title'][:60]} [{error['type']}] missed {error['missed']} "
                 f"extra {error['extra']}")
    return text


COMMANDS = [evaluate]
