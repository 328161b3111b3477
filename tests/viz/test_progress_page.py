"""The report and the page report progress through their steps: monotone,
never past the total, ending at the total, and the output is the same with
or without a callback."""

from __future__ import annotations

from actornet.graph.generate import generated_network
from actornet.network_page import network_page, page_of
from actornet.graph.progress import Steps
from actornet.network_report import network_report
from checks import check_calls


def test_report_progress_and_same_bytes(berlin, tmp_path):
    calls = []
    with_bar = network_report(berlin, tmp_path / "a.html", as_of=2024,
                              progress=lambda d, t: calls.append((d, t)))
    check_calls(calls)
    assert len(calls) > 8  # every step moved the bar
    without = network_report(berlin, tmp_path / "b.html", as_of=2024)
    assert with_bar.read_bytes() == without.read_bytes()


def test_report_without_home_city_still_ends_at_the_total(tmp_path):
    net = generated_network(80, 300, cities=3, seed=2)
    G = net.graph.copy()
    G.remove_edges_from([(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
                         if d["type"] == "PARTNER_OF"])
    from actornet.graph.network import ActorNetwork

    calls = []
    network_report(ActorNetwork(G), tmp_path / "r.html", embed_page=False,
                   progress=lambda d, t: calls.append((d, t)))
    check_calls(calls)


def test_page_progress_and_same_bytes(berlin, tmp_path):
    calls = []
    with_bar = network_page(berlin, tmp_path / "a.html", progress=lambda d, t: calls.append((d, t)))
    check_calls(calls)
    without = network_page(berlin, tmp_path / "b.html")
    assert with_bar.read_bytes() == without.read_bytes()


def test_page_of_progress_on_a_generated_network():
    net = generated_network(2000, 10000, hubs=3, seed=3)
    calls = []
    page = page_of(net, max_nodes=300, progress=lambda d, t: calls.append((d, t)))
    check_calls(calls)
    assert page == page_of(net, max_nodes=300)


def test_steps_without_a_callback_report_nothing():
    steps = Steps(None, 3)
    assert steps.part() is None
    steps.skip()
    steps.done()


def test_steps_never_go_back_or_past_the_end():
    calls = []
    steps = Steps(lambda d, t: calls.append((d, t)), 2)
    first = steps.part()
    first(5, 4)  # a callback past its own total stays in its share
    first(1, 4)  # ... and a smaller value never moves the bar back
    steps.skip()
    steps.done()
    check_calls(calls)
    assert max(d for d, _ in calls[:3]) <= 100
