"""Shared checks, helpers and test rows for several test modules (each defined once)."""

import copy

from click.testing import CliRunner

from actornet.cli import cli


def run_cli(*args):
    """``actornet ARGS`` run in-process (click's runner); its result."""
    return CliRunner().invoke(cli, [str(a) for a in args])


def folder_bytes(folder):
    """Every file of ``folder`` (not recursive) and its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def graph_snapshot(G):
    """A deep copy of everything in ``G``: graph, node and edge attributes."""
    return (
        copy.deepcopy(dict(G.graph)),
        {n: copy.deepcopy(dict(d)) for n, d in G.nodes(data=True)},
        {(u, v, k): copy.deepcopy(dict(d)) for u, v, k, d in G.edges(keys=True, data=True)},
    )


def person_spellings(net):
    """Every name and alias of the network's people."""
    return [s for _, d in net.graph.nodes(data=True) if d["kind"] == "person"
            for s in (d.get("name"), *d.get("aliases", ())) if s]


def check_calls(calls):
    """A progress callback's calls: done within 0..total, never going back,
    one total, ending at it."""
    assert calls, "progress was never called"
    assert all(0 <= done <= total for done, total in calls)
    assert all(b >= a for (a, _), (b, _) in zip(calls, calls[1:]))
    assert len({total for _, total in calls}) == 1
    assert calls[-1][0] == calls[-1][1]


def broken_tie_rows(rows, rng):
    """Tie rows (dicts) with defects mixed in between the clean ones: each
    defect one the reference path reports or warns about."""
    out = []
    for row in rows:
        out.append(row)
        roll = rng.random()
        if roll < 0.03:
            out.append(dict(row))  # a duplicate tie
        elif roll < 0.05:
            out.append({**row, "source": row["source"] + "_missing"})
        elif roll < 0.07:
            out.append({**row, "since": "19x4", "id": ""})
        elif roll < 0.09:
            out.append({**row, "weight": "9", "id": ""})
        elif roll < 0.11:
            out.append({**row, "themes": "climate;no_such_theme", "id": ""})
        elif roll < 0.13:
            out.append({**row, "type": "LIKES", "id": ""})
        elif roll < 0.15:
            out.append({**row, "until": "1900", "since": "2000", "id": ""})
        elif roll < 0.17:
            out.append({**row, "target": row["source"], "id": ""})
        elif roll < 0.19:
            out.append({**row, "type": " partner of ", "id": "", "since": " 1999 "})
        elif roll < 0.21:
            out.append({**row, "id": "", "since": ""})  # may repeat a derived key
    return out


def broken_ties_folder(folder, *, seed, themes=True):
    """A generated network written to ``folder`` (300 actors, 2,000 ties), its
    ties with :func:`broken_tie_rows` mixed in and an unknown ``note`` column;
    without its themes table when ``themes`` is False. Returns the folder."""
    import csv
    import random

    from actornet.graph.generate import generated_network
    from actornet.loaders import write_folder

    write_folder(generated_network(300, 2000, seed=seed), folder)
    if not themes:
        (folder / "themes.csv").unlink()
    with open(folder / "ties.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames) + ["note"]
        rows = [{**row, "note": "x" if i % 5 == 0 else ""} for i, row in enumerate(reader)]
    rows = broken_tie_rows(rows, random.Random(seed))
    with open(folder / "ties.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields)
        writer.writeheader()
        writer.writerows(rows)
    return folder
