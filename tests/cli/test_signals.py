"""A Ctrl-C or SIGTERM is never lost, even when it lands where Python ignores exceptions.

Python ignores (and only prints) an exception raised in a ``__del__`` or a weakref
callback; matplotlib's transforms have such callbacks, so a signal arriving there used to
be swallowed and the run went on to exit 0. The handler remembers the signal and the
command stops at its next checkpoint. Generated: the signal is delivered inside a weakref
callback during each step of the job, for each signal, in each language.
"""

from __future__ import annotations

import gc
import signal
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from okosys_plan.cli import stop
from okosys_plan.cli.main import cli

#: Python reports each swallowed exception as unraisable; here that is the point.
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"

#: Where in the job the swallowed signal arrives: the function wrapped, by step.
PLACES = {
    "check": "okosys_plan.catalogue.check.validate",
    "prioritise": "okosys_plan.prioritise.api.prioritise",
    "plan": "okosys_plan.roadmap.planning.make_plan",
    "funding": "okosys_plan.funding.api.analyse_funding",
    "report": "okosys_plan.report.outputs.report_bytes",
}


class _Thing:
    """Something a weakref can watch."""


def _swallowed(signum: int) -> None:
    """Deliver ``signum`` inside a weakref callback, where Python ignores what it raises."""
    thing = _Thing()
    watch = weakref.ref(thing, lambda _ref: stop.on_signal(signum, None))
    del thing
    gc.collect()
    assert watch() is None


def _wrapped(monkeypatch: pytest.MonkeyPatch, dotted: str, signum: int) -> None:
    module_name, _, name = dotted.rpartition(".")
    module = __import__(module_name, fromlist=[name])
    original: Callable[..., Any] = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _swallowed(signum)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    if module_name == "okosys_plan.prioritise.api":  # the pipeline holds its own name for it
        monkeypatch.setattr("okosys_plan.run.pipeline.prioritise", wrapper)


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
@pytest.mark.parametrize(("lang", "line"), [("nb", "okosys-plan: avbrutt"),
                                            ("en", "okosys-plan: interrupted")])
def test_a_swallowed_signal_still_stops_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                place: str, signum: int, code: int, lang: str,
                                                line: str) -> None:
    _wrapped(monkeypatch, PLACES[place], signum)
    result = CliRunner().invoke(cli, ["run", str(BUNDLED), "-o", str(tmp_path / "ut"),
                                      "--as-of", "2024-06-30", "--lang", lang])
    assert result.exit_code == code, result.output
    assert result.stderr.strip().splitlines()[-1] == line
    assert "Traceback" not in result.output
    assert stop._PENDING == []  # handled: the next command starts clean


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_command_without_steps_stops_before_it_prints(monkeypatch: pytest.MonkeyPatch,
                                                        signum: int, code: int) -> None:
    _wrapped(monkeypatch, PLACES["check"], signum)
    result = CliRunner().invoke(cli, ["score", str(BUNDLED), "--json"])
    assert result.exit_code == code
    assert '"ranking"' not in result.stdout  # the outcome is not printed
    assert stop._PENDING == []
    monkeypatch.undo()
    clean = CliRunner().invoke(cli, ["validate", str(BUNDLED)])
    assert clean.exit_code == 0
