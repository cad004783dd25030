"""`kg eval`: extraction scored against hand-annotated gold abstracts."""

from __future__ import annotations

import click

from kg.cli.options import JSON_OPTION, MODEL_OPTION, fail, friendly_errors
from kg.cli.render import echo, emit


@click.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@MODEL_OPTION
@click.option("--errors", is_flag=True, help="Also list what was missed and what was extra.")
@JSON_OPTION
@friendly_errors
def evaluate(gold: str, model: str, errors: bool, as_json: bool) -> None:
    """Score extraction against GOLD.jsonl (hand annotations, docs/annotation.md):
    precision, recall and F1 per type, PROPOSES F1 and role accuracy, abbreviation recall."""
    from kg.extract.evaluate import evaluate as score
    from kg.extract.evaluate import read_gold

    try:
        records = read_gold(gold)
    except (ValueError, KeyError) as error:
        fail(f"{gold}: not a gold file ({error})")
    result = score(records, model)
    if not errors:
        result.pop("errors")
    emit(result, as_json, scores_text(gold))


def scores_text(gold: str):
    """The text of `kg eval GOLD`."""
    def text(result: dict) -> None:
        echo(f"{result['papers']} papers of {gold}")
        echo(f"{'type':<10}{'precision':>10}{'recall':>8}{'F1':>7}{'gold':>6}")
        rows = [*result["types"].items(), ("PROPOSES", result["proposes"])]
        for label, row in rows:
            echo(f"{label:<10}{row['precision']:>10.3f}{row['recall']:>8.3f}"
                 f"{row['f1']:>7.3f}{row['gold']:>6}")
        echo(f"role accuracy (PROPOSES vs USES): {result['role_accuracy']:.3f}")
        echo(f"abbreviation recall: {result['abbreviation_recall']:.3f}")
        for error in result.get("errors", []):
            echo(f"- {error['title'][:60]} [{error['type']}] missed {error['missed']} "
                 f"extra {error['extra']}")
    return text


COMMANDS = [evaluate]
