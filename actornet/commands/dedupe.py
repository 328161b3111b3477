"""``actornet dedupe``: likely duplicates, one actor under several names."""

from __future__ import annotations

from pathlib import Path

import click

from actornet.console import emit_table, progress_bar, stdout_console
from actornet.graph.match_thresholds import DEFAULT_THRESHOLD
from actornet.source import network_source, warn_rejected

__all__ = ["dedupe_command"]


@click.command("dedupe")
@network_source
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The candidates file to write (CSV), for a person to mark accept yes/no.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=DEFAULT_THRESHOLD,
              show_default=True, help="The lowest match probability (0-1) listed.")
@click.option("--auto", "auto", is_flag=True,
              help="Accept the auto band (probability 0.99 or more): accept=yes in the file.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Only actors of this kind; repeatable (default: all actors and networks).")
@click.option("--top", type=int, default=15, show_default=True,
              help="Candidates to show on the terminal (the file has all).")
def dedupe_command(source, output, threshold, auto, kinds, top):
    """Propose likely duplicates: the same actor under several names.

    Each pair gets a match probability from a record-linkage model
    (Fellegi-Sunter with term-frequency adjustment): names compared word by
    word after normalisation (case, accents, legal forms such as GmbH,
    abbreviations such as TU, words in other languages), a rare word
    ("Graz") weighing more than a common one ("University"); then country,
    city, kind (institutions, companies and NGOs are compared with each
    other), shared partners, and external ids. Each pair is in a band: auto
    (0.99 or more), review (0.5 or more) or unlikely, with the reason. Mark
    the accept column yes or no (--auto marks the auto band yes), then run
    `actornet merge`.

    Example:

        actornet dedupe interreg/ -o candidates.csv --auto
    """
    from actornet.graph.resolve import BANDS, duplicate_candidates
    from actornet.loaders.candidates import write_candidates

    source.check_outputs(output)  # never over an input (dedupe c -o c/actors.csv)
    network = source.load()
    warn_rejected(network)
    with progress_bar("Comparing actors (pairs)") as progress:
        table = duplicate_candidates(network, threshold=threshold, kinds=kinds or None,
                                     progress=progress)
    write_candidates(table, output, auto=auto)
    shown = table[table["kind"] != "person"].head(top) if top > 0 else table.iloc[:0]
    if len(shown):
        emit_table(f"Likely duplicates (best {len(shown)} of {len(table)}; people not shown)",
                   ["name_a", "name_b", "kind", "probability", "band", "reason"],
                   shown.to_dict("records"))
    counts = table["band"].value_counts()
    bands = ", ".join(f"{counts.get(b, 0)} {b}" for b in BANDS)
    console = stdout_console()
    console.print(f"Wrote {output}: {len(table)} candidate pair{'s' if len(table) != 1 else ''} "
                  f"({bands}).")
    if auto:
        accepted = counts.get("auto", 0)
        console.print(f"Accepted the auto band: {accepted} pair{'s' if accepted != 1 else ''} "
                      "marked accept=yes.")
    console.print("Mark accept yes or no (review the review band), then: actornet merge DATA "
                  f"--accept {output.name} -o merged/")
