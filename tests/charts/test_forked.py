"""Saving several formats with the PNG in a forked child: the same bytes, whatever happens."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading

import pytest

from okosys_plan.charts import forked

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the child is forked on Linux only")


@pytest.fixture
def can_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take the child's path even on a one-core machine."""
    monkeypatch.setattr(forked, "_can_fork", lambda: True)


def made(fmt: str) -> bytes:
    return f"{fmt} from the same function".encode() * 1000  # more than a pipe's buffer


@pytest.mark.usefixtures("can_fork")
def test_the_png_comes_from_a_child_and_the_order_is_kept() -> None:
    parent = os.getpid()

    def save(fmt: str) -> bytes:
        return made(fmt) + (b"here" if os.getpid() == parent else b"child")

    assert forked.save_formats(save, ["svg", "png", "pdf"]) == [
        made("svg") + b"here", made("png") + b"child", made("pdf") + b"here"]


@pytest.mark.usefixtures("can_fork")
def test_a_failing_child_is_replaced_by_a_save_here() -> None:
    parent = os.getpid()

    def save(fmt: str) -> bytes:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return made(fmt)

    assert forked.save_formats(save, ["png", "svg"]) == [made("png"), made("svg")]


@pytest.mark.usefixtures("can_fork")
def test_an_error_here_is_raised_and_the_child_ends() -> None:
    def save(fmt: str) -> bytes:
        if fmt == "svg":
            raise ValueError("svg")
        return made(fmt)

    with pytest.raises(ValueError, match="svg"):
        forked.save_formats(save, ["png", "svg"])
    assert multiprocessing.active_children() == []


def test_one_format_or_no_png_is_saved_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "_can_fork", lambda: pytest.fail("no child for this"))
    parent = os.getpid()

    def save(fmt: str) -> bytes:
        assert os.getpid() == parent
        return made(fmt)

    assert forked.save_formats(save, ["png"]) == [made("png")]
    assert forked.save_formats(save, ["svg", "pdf"]) == [made("svg"), made("pdf")]


def test_no_child_when_every_core_is_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    cores = len(os.sched_getaffinity(0))
    can = cores >= 2 and threading.active_count() == 1
    monkeypatch.setattr(os, "getloadavg", lambda: (float(cores), 0.0, 0.0))
    monkeypatch.setattr(forked, "_idle_cores", lambda seconds: 0.4)
    assert not forked._can_fork()
    monkeypatch.setattr(os, "getloadavg", lambda: (cores - 1.6, 0.0, 0.0))
    assert forked._can_fork() == can


@pytest.mark.parametrize(("idle", "child"), [(None, False), (0.0, False), (1.2, False),
                                             (1.5, True), (2.0, True), (7.5, True)])
def test_a_lagging_load_average_is_checked_against_the_cores_now(
        monkeypatch: pytest.MonkeyPatch, idle: float | None, child: bool) -> None:
    cores = len(os.sched_getaffinity(0))
    monkeypatch.setattr(os, "getloadavg", lambda: (cores + 3.0, 0.0, 0.0))
    monkeypatch.setattr(forked, "_idle_cores", lambda seconds: idle)
    assert forked._can_fork() == (child and cores >= 2 and threading.active_count() == 1)


@pytest.mark.skipif(not os.path.exists("/proc/stat"), reason="no /proc/stat here")
def test_idle_cores_are_read_from_the_kernel_and_stay_within_the_cores() -> None:
    times = forked._cpu_times()
    assert times is not None and times[0] <= times[1] and times[2] >= 1
    idle = forked._idle_cores(0.05)
    assert idle is not None and 0.0 <= idle <= times[2] + 1e-9


def test_unreadable_cpu_times_mean_no_idle_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "_cpu_times", lambda: None)
    assert forked._idle_cores(0.0) is None


@pytest.mark.usefixtures("can_fork")
def test_split_makes_the_second_part_in_a_child_and_keeps_every_file_in_order() -> None:
    parent = os.getpid()

    def where() -> bytes:
        return b"here" if os.getpid() == parent else b"child"

    here, there = forked.split(lambda: [made("a") + where(), made("b") + where()],
                               lambda: [made("c") + where(), b"", made("d") + where()])
    assert here == [made("a") + b"here", made("b") + b"here"]
    assert there == [made("c") + b"child", b"", made("d") + b"child"]
    assert multiprocessing.active_children() == []


@pytest.mark.usefixtures("can_fork")
@pytest.mark.parametrize("how", ["raises", "exits"])
def test_split_makes_the_second_part_here_when_the_child_fails(how: str) -> None:
    parent = os.getpid()

    def there() -> list[bytes]:
        if os.getpid() != parent:
            if how == "raises":
                raise RuntimeError("only in the child")
            os._exit(3)
        return [made("x"), made("y")]

    here, theirs = forked.split(lambda: [made("h")], there)
    assert here == [made("h")]
    assert theirs == [made("x"), made("y")]


@pytest.mark.usefixtures("can_fork")
def test_split_raises_an_error_here_and_the_child_ends() -> None:
    def here() -> list[bytes]:
        raise ValueError("here")

    with pytest.raises(ValueError, match="here"):
        forked.split(here, lambda: [made("x")])
    assert multiprocessing.active_children() == []


def test_split_without_a_child_makes_both_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "_can_fork", lambda: False)
    parent = os.getpid()

    def mine(name: str) -> list[bytes]:
        assert os.getpid() == parent
        return [made(name)]

    assert forked.split(lambda: mine("a"), lambda: mine("b")) == ([made("a")], [made("b")])
