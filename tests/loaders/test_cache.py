"""The network cache between commands: hits, misses, damage and trust."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from actornet.cli import cli
from actornet.loaders.cache import KEEP, NetworkCache, cache_dir
from actornet.loaders.read import read_inputs, read_network
from actornet.sample import sample_path
from actornet.source import NetworkSource


def test_the_second_load_comes_from_the_cache(data, reads):
    first = NetworkSource(data=data).load()
    second = NetworkSource(data=data).load()
    assert len(reads) == 1
    assert second == first


def test_the_cached_network_keeps_its_report(data, reads):
    (data / "ties.csv").write_text((data / "ties.csv").read_text() + "nobody,berlin,KNOWS\n")
    first = NetworkSource(data=data).load()
    second = NetworkSource(data=data).load()
    assert second.report.rows_rejected == first.report.rows_rejected == 1


def test_a_changed_file_is_read_again(data, reads):
    NetworkSource(data=data).load()
    ties = data / "ties.csv"
    ties.write_text(ties.read_text().replace("illustrative", "Illustrative", 1))
    NetworkSource(data=data).load()
    assert len(reads) == 2


def test_no_cache_reads_the_files(data, reads):
    NetworkSource(data=data).load()
    NetworkSource(data=data, cache=False).load()
    assert len(reads) == 2


def test_another_encoding_is_another_entry(data, reads):
    NetworkSource(data=data).load()
    NetworkSource(data=data, encoding="utf-8").load()
    assert len(reads) == 2


def test_a_damaged_entry_is_dropped_and_read_again(data, reads):
    NetworkSource(data=data).load()
    (entry,) = cache_dir().glob("*.actornet")
    entry.write_bytes(b"not an entry")
    again = NetworkSource(data=data).load()
    assert len(reads) == 2
    assert again == read_network(data)


def test_an_entry_in_a_folder_others_may_write_is_not_loaded(data, reads):
    NetworkSource(data=data).load()
    os.chmod(cache_dir(), 0o777)
    NetworkSource(data=data).load()
    assert len(reads) == 2


def test_nothing_is_written_next_to_the_data(data):
    before = sorted(p.name for p in data.iterdir())
    NetworkSource(data=data).load()
    NetworkSource(data=data).load()
    assert sorted(p.name for p in data.iterdir()) == before


def key(i) -> str:
    """A key of the form NetworkCache.key gives (64 hex digits)."""
    return f"{i:064x}"


def test_only_the_newest_entries_are_kept(tmp_path):
    cache = NetworkCache(tmp_path / "c", program="t")
    net = read_network(sample_path())
    for i in range(KEEP + 3):
        assert cache.put(key(i), net)
    assert len(list((tmp_path / "c").glob("*.actornet"))) == KEEP


def test_a_changed_program_is_another_entry(tmp_path):
    inputs = read_inputs(sample_path())
    one = NetworkCache(tmp_path, program="a").key(inputs, encoding=None)
    other = NetworkCache(tmp_path, program="b").key(inputs, encoding=None)
    assert one != other


def test_a_key_is_what_the_cache_makes(tmp_path):
    with pytest.raises(ValueError, match="64 hexadecimal"):
        NetworkCache(tmp_path, program="t").put("../outside", read_network(sample_path()))


def test_an_unwritable_cache_is_no_error(data, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("ACTORNET_CACHE_DIR", str(blocker / "cache"))
    assert NetworkSource(data=data).load() == read_network(data)


def test_the_cli_takes_no_cache(data, reads):
    runner = CliRunner()
    assert runner.invoke(cli, ["info", str(data)]).exit_code == 0
    assert runner.invoke(cli, ["info", str(data)]).exit_code == 0
    assert runner.invoke(cli, ["info", str(data), "--no-cache"]).exit_code == 0
    assert len(reads) == 2


# -- the projection kept with the network ----------------------------------------------
@pytest.fixture
def builds(monkeypatch):
    """How often an actor projection is built (from the graph or from its tables)."""
    from actornet.graph import projection_columns
    from actornet.graph.projection import ActorProjection

    calls = []
    real, from_columns = ActorProjection.__init__, projection_columns.projection_state_from_columns

    def counting(self, *args, **kwargs):
        calls.append(1)
        return real(self, *args, **kwargs)

    def counting_columns(*args, **kwargs):
        calls.append(1)
        return from_columns(*args, **kwargs)

    monkeypatch.setattr(ActorProjection, "__init__", counting)
    monkeypatch.setattr(projection_columns, "projection_state_from_columns", counting_columns)
    return calls


def test_the_cached_network_brings_its_projection(data, builds):
    NetworkSource(data=data).load()
    assert len(builds) == 1
    second = NetworkSource(data=data).load()
    second.projection()
    second.actor_graph()
    assert len(builds) == 1


def test_the_cached_projection_is_the_one_built_from_the_files(data):
    NetworkSource(data=data).load()
    cached = NetworkSource(data=data).load().projection()
    fresh = read_network(data).projection()
    for name in ("indptr", "indices", "strength", "distance", "rev", "flags", "city",
                 "member_actor", "member_group", "member_weight", "hubs"):
        assert getattr(cached, name).tolist() == getattr(fresh, name).tolist(), name
    assert (cached.nodes, cached.names, cached.groups) == (fresh.nodes, fresh.names, fresh.groups)
    assert cached.edges() == fresh.edges()


def test_a_cached_network_reads_its_graph_only_when_asked(data):
    NetworkSource(data=data).load()
    second = NetworkSource(data=data).load()
    box = second.__dict__["_graph_box"]
    second.projection().path_csr()
    assert not box.loaded
    assert second.graph.number_of_nodes() == read_network(data).graph.number_of_nodes()
    assert box.loaded


def test_a_view_of_a_cached_network_builds_its_own_projection(data, builds):
    NetworkSource(data=data).load()
    cached = NetworkSource(data=data).load()
    view = cached.as_of(2010)
    assert view.projection() is not cached.projection()
    assert len(builds) == 2  # the first load's, the view's
    assert view.projection().edges() == read_network(data).as_of(2010).projection().edges()


def test_another_home_keeps_the_cached_projection(data, builds):
    NetworkSource(data=data).load()
    network = NetworkSource(data=data, home="paris").load()
    assert network.home_city == "paris"
    network.projection()
    assert len(builds) == 1


@pytest.mark.parametrize("where", [0.5, 0.98])
def test_a_flipped_byte_inside_an_entry_is_caught(data, reads, where):
    NetworkSource(data=data).load()
    (entry,) = cache_dir().glob("*.actornet")
    raw = bytearray(entry.read_bytes())
    raw[int(len(raw) * where)] ^= 0x01
    entry.write_bytes(bytes(raw))
    again = NetworkSource(data=data).load()
    assert len(reads) == 2
    assert again == read_network(data)


def test_a_cut_entry_is_read_again(data, reads):
    NetworkSource(data=data).load()
    (entry,) = cache_dir().glob("*.actornet")
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    assert NetworkSource(data=data).load() == read_network(data)
    assert len(reads) == 2


def test_an_entry_of_another_format_is_read_again(data, reads):
    import pickle

    NetworkSource(data=data).load()
    (entry,) = cache_dir().glob("*.actornet")
    entry.write_bytes(pickle.dumps(read_network(data)))  # a plain pickle: never loaded
    assert NetworkSource(data=data).load() == read_network(data)
    assert len(reads) == 2


def test_an_inferred_home_is_named_without_making_the_graph(data):
    (data / "network.toml").unlink()  # no home stated: inferred, with a note
    first = NetworkSource(data=data).load()
    second = NetworkSource(data=data).load()
    assert second.home_note() == first.home_note()
    assert not second.__dict__["_graph_box"].loaded


def test_the_entries_kept_fit_in_the_byte_budget(tmp_path, monkeypatch):
    import actornet.loaders.cache as cache_module

    cache = NetworkCache(tmp_path / "c", program="t")
    net = read_network(sample_path())
    assert cache.put(key(0), net)
    size = (tmp_path / "c" / f"{key(0)}.actornet").stat().st_size
    monkeypatch.setattr(cache_module, "MAX_BYTES", int(size * 2.5))
    for i in range(1, 5):
        os.utime(tmp_path / "c" / f"{key(i - 1)}.actornet", (i, i))  # older than the next
        assert cache.put(key(i), net)
    assert sorted(p.name for p in (tmp_path / "c").glob("*.actornet")) == [
        f"{key(3)}.actornet", f"{key(4)}.actornet"]


def test_the_newest_entry_stays_even_beyond_the_budget(tmp_path, monkeypatch):
    import actornet.loaders.cache as cache_module

    monkeypatch.setattr(cache_module, "MAX_BYTES", 1)
    cache = NetworkCache(tmp_path / "c", program="t")
    assert cache.put(key(1), read_network(sample_path()))
    assert cache.get(key(1), name="berlin") == read_network(sample_path())


def test_an_entry_is_read_where_files_cannot_be_mapped(data, reads, monkeypatch):
    import mmap

    NetworkSource(data=data).load()
    expected = read_network(data).projection().edges()  # before mmap is refused: pandas uses it

    def refuse(*args, **kwargs):
        raise OSError("no mapping here")

    monkeypatch.setattr(mmap, "mmap", refuse)
    assert NetworkSource(data=data).load().projection().edges() == expected
    assert len(reads) == 1


def test_an_empty_entry_is_read_again(data, reads):
    NetworkSource(data=data).load()
    (entry,) = cache_dir().glob("*.actornet")
    entry.write_bytes(b"")
    assert NetworkSource(data=data).load() == read_network(data)
    assert len(reads) == 2


# -- data kept beside a network (what the recommender learned) -------------------------
def test_data_is_kept_and_read_back_exactly(tmp_path):
    import numpy as np

    cache = NetworkCache(tmp_path / "c", program="t")
    entry = cache.data_key(key(1), "learned")
    assert entry != cache.data_key(key(1), "other") and entry != cache.data_key(key(2), "learned")
    assert cache.get_data(entry) is None
    values = np.array([0.1, -2.5e-300, 3.0])
    assert cache.put_data(entry, {"a": [1, "b", None]}, {"x": values})
    meta, arrays = cache.get_data(entry)
    assert meta == {"a": [1, "b", None]}
    assert list(arrays) == ["x"] and np.array_equal(arrays["x"], values)
    # A data entry is not a network entry, and the other way round.
    assert cache.get(entry, name="x") is None
    assert cache.put(key(3), read_network(sample_path()))
    assert cache.get_data(key(3)) is None


def test_data_that_json_cannot_hold_exactly_is_not_kept(tmp_path):
    cache = NetworkCache(tmp_path / "c", program="t")
    assert not cache.put_data(key(1), {"a": (1, 2)}, {})
    folder = tmp_path / "c"
    assert not folder.exists() or not list(folder.iterdir())  # no partial file left


def test_a_damaged_data_entry_is_dropped(tmp_path):
    cache = NetworkCache(tmp_path / "c", program="t")
    assert cache.put_data(key(1), {"a": 1}, {})
    path = tmp_path / "c" / (key(1) + ".actornet-data")
    raw = bytearray(path.read_bytes())
    raw[-3] ^= 0xFF
    path.write_bytes(bytes(raw))
    assert cache.get_data(key(1)) is None
    assert not path.exists()


def test_data_entries_are_kept_apart_from_networks(tmp_path, monkeypatch):
    import actornet.loaders.cache as cache_module

    monkeypatch.setattr(cache_module, "KEEP_DATA", 3)
    cache = NetworkCache(tmp_path / "c", program="t")
    net = read_network(sample_path())
    for i in range(KEEP):
        assert cache.put(key(i), net)
    for i in range(5):
        assert cache.put_data(key(100 + i), {"i": i}, {})
    folder = tmp_path / "c"
    assert len(list(folder.glob("*.actornet"))) == KEEP  # data entries take no network's place
    assert len(list(folder.glob("*.actornet-data"))) == 3
    assert cache.get_data(key(104)) == ({"i": 4}, {})


def recommend_args(folder, actors, ties, seed):
    """A generated network written to ``folder``, and the arguments of a
    ``recommend --format csv`` on it (its first theme, its first partner city)."""
    from actornet.graph.generate import generated_network
    from actornet.loaders.write import write_folder

    net = generated_network(actors, ties, seed=seed)
    write_folder(net, folder)
    city = sorted(p["city"] for p in net.partnerships())[0]
    theme = next(iter(net.themes)).id
    return ["recommend", str(folder), "--theme", theme, "--city", city, "--format", "csv"]


def test_a_second_recommend_scores_with_what_the_first_learned(tmp_path, monkeypatch):
    from actornet.queries import recommend_learned

    args = recommend_args(tmp_path / "net", 2000, 10000, seed=1)
    runner = CliRunner()
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert len(list(cache_dir().glob("*.actornet-data"))) == 1

    def refit(*args, **kwargs):
        raise AssertionError("learned again")

    monkeypatch.setattr(recommend_learned, "fit_pair_model", refit)
    monkeypatch.setattr(recommend_learned, "fit_actor_model", refit)
    second = runner.invoke(cli, args)
    assert second.exit_code == 0, second.output
    assert second.output == first.output
    # Without the cache, it learns (and here: fails, as patched).
    assert runner.invoke(cli, [*args, "--no-cache"]).exit_code != 0


def test_kept_weights_that_are_not_a_model_are_learned_again(tmp_path):
    from actornet.source import program_identity

    folder = tmp_path / "net"
    args = recommend_args(folder, 600, 3000, seed=2)
    runner = CliRunner()
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    cache = NetworkCache(program=program_identity())
    entry = cache.data_key(cache.key(read_inputs(folder), encoding=None), "learned")
    assert cache.get_data(entry) is not None
    for planted in ({"learned": [{"as_of": "x", "home": 3}]}, {"learned": "none"},
                    {"learned": [{"as_of": None, "home": "h", "partners": [],
                                  "pairs": {"meta": [], "arrays": []}}]}):
        assert cache.put_data(entry, planted, {})
        again = runner.invoke(cli, args)
        assert again.exit_code == 0, again.output
        assert again.output == first.output
        assert cache.get_data(entry)[0] != planted  # learned again, and kept
