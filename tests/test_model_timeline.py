"""The ILSVRC timeline: the facts the papers and results pages print."""

from __future__ import annotations

import pytest

from imagenet_cli._errors import ImagenetError
from imagenet_cli.facts.timeline import (
    Entry,
    human_error,
    load_timeline,
    query_timeline,
    winning_errors,
)


def results(year: int) -> list[Entry]:
    return [e for e in load_timeline() if e.kind == "result" and e.year == year]


def test_2012_supervision_with_and_without_outside_data() -> None:
    winners = {e.outside_data: e.top5_error for e in results(2012) if e.rank == 1}
    assert winners[True] == pytest.approx(15.3, abs=0.05)  # AlexNet paper: 15.3%
    assert winners[False] == pytest.approx(16.4, abs=0.05)  # AlexNet paper: 16.4%
    runner_up = next(e for e in results(2012) if e.rank == 2)
    assert runner_up.top5_error == pytest.approx(26.2, abs=0.05)  # AlexNet paper: 26.2%


def test_2013_clarifai() -> None:
    clarifai = {e.outside_data: e.top5_error for e in results(2013) if e.team == "Clarifai"}
    assert clarifai == {False: 11.7, True: 11.2}


def test_2014_googlenet_keeps_its_own_figure() -> None:
    googlenet = next(e for e in results(2014) if e.rank == 1)
    assert googlenet.team == "GoogLeNet"
    assert googlenet.top5_error == 6.67
    assert "6.67%" in googlenet.cited.quote


def test_2015_resnet_and_2017_last() -> None:
    msra = next(e for e in results(2015) if e.rank == 1)
    assert (msra.team, msra.top5_error, msra.architecture) == ("MSRA", 3.57, "resnet")
    years = {e.year for e in load_timeline() if e.kind == "result"}
    assert years == set(range(2010, 2018))


def test_every_figure_is_quoted_by_its_source() -> None:
    for e in load_timeline():
        assert e.sources, e
        figure = e.top5_error if e.kind == "result" else e.value
        if e.mean_ap is not None:
            figure = e.mean_ap
        if figure is None:
            continue
        quote = e.cited.quote
        forms = {f"{figure:g}", f"{figure / 100:g}", f"{figure / 100:.5f}".rstrip("0")}
        assert any(form in quote for form in forms), (e.year, e.team, figure, quote)


def test_disagreeing_sources_are_both_kept() -> None:
    msra = next(e for e in results(2014) if e.team == "MSRA")
    assert msra.top5_error == 8.06  # MSRA's own SPP-net paper
    assert msra.cited.kind == "primary"
    (other,) = msra.alternatives
    assert other.top5_error == 7.35  # GoogLeNet's Table 2
    assert all("7.35" in s.quote for s in other.sources)
    googlenet = next(e for e in results(2014) if e.team == "GoogLeNet")
    assert (googlenet.top5_error, googlenet.alternatives[0].top5_error) == (6.67, 6.66)


def test_milestones_the_overview_asks_for() -> None:
    dates = {e.date for e in load_timeline() if e.kind == "milestone"}
    events = " ".join(e.event or "" for e in load_timeline() if e.kind == "milestone")
    for expected in ("CVPR 2009", "International Journal of Computer Vision", "person subtree",
                     "Face Obfuscation", "winter 2021", "5.1%"):  # fmt: skip
        assert expected.lower() in events.lower(), expected
    assert "2019-09-17" in dates


def test_winners_and_human_line() -> None:
    best = winning_errors(query_timeline())
    assert list(best) == list(range(2010, 2018))
    assert best[2012].top5_error == 15.315
    value, entry = human_error() or (None, None)
    assert value == 5.1
    assert entry is not None
    assert entry.year == 2014


def test_bad_ranges() -> None:
    with pytest.raises(ImagenetError):
        query_timeline(start=2015, end=2012)
    with pytest.raises(ImagenetError):
        query_timeline(task="seg")
