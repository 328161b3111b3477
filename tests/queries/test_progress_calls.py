"""The measures that can take long report progress as ``progress(done, total)``:
done never falls, never passes total, and the last call is ``(total, total)``."""

from __future__ import annotations

import pytest

from actornet.graph.generate import generated_network
from checks import check_calls


def _coverage(net, progress):
    from actornet.queries.coverage import coverage
    return coverage(net, progress=progress)


def _under_served(net, progress):
    from actornet.queries.under_served import under_served
    return under_served(net, progress=progress)


def _dormant(net, progress):
    from actornet.queries.dormant import dormant
    return dormant(net, progress=progress)


def _fragility(net, progress):
    from actornet.queries.fragility import fragility
    return fragility(net, progress=progress)


MEASURES = [_coverage, _under_served, _dormant, _fragility]


@pytest.mark.parametrize("measure", MEASURES, ids=lambda f: f.__name__.strip("_"))
def test_progress_is_monotone_and_ends_at_the_total(berlin, measure):
    calls = []
    measure(berlin, lambda done, total: calls.append((done, total)))
    check_calls(calls)


@pytest.mark.parametrize("measure", MEASURES, ids=lambda f: f.__name__.strip("_"))
def test_progress_changes_nothing(measure):
    net = generated_network(2000, 10000, hubs=3, seed=5)
    calls = []
    with_progress = measure(net, lambda done, total: calls.append((done, total)))
    check_calls(calls)
    assert with_progress.equals(measure(net, None))


def test_recommend_progress(berlin):
    from actornet.queries.recommend import recommend

    calls = []
    recommend(berlin, "climate", "Jakarta", k=3, progress=lambda d, t: calls.append((d, t)))
    check_calls(calls)
    assert calls[-1] == (4, 4)


def test_communities_progress(berlin):
    from actornet.queries.communities import communities

    calls = []
    communities(berlin, progress=lambda d, t: calls.append((d, t)))
    check_calls(calls)
    assert calls[-1] == (4, 4)
