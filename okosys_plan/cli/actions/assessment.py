"""``template --assessor``: one AU member's assessment workbook, as a call returning an
``Outcome`` (``assess.template`` writes it)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from okosys_plan.catalogue.check import check_file
from okosys_plan.catalogue.model import Catalogue
from okosys_plan.catalogue.validate import id_key
from okosys_plan.cli.outcome import Common, Outcome, WithCommon, stopped
from okosys_plan.errors import UsageError
from okosys_plan.text.later import msg
from okosys_plan.text.say import say


@dataclass(frozen=True)
class AssessmentRequest(WithCommon):
    """What ``template --assessor`` was asked for."""

    assessor: str
    output: Path | None = None
    agency: str | None = None
    needs: tuple[str, ...] | None = None
    theme: str | None = None
    catalogue: Path | None = None  # None: the bundled catalogue
    criteria_file: Path | None = None
    common: Common = field(default_factory=Common)


def default_output(assessor: str) -> Path:
    """``vurdering-<name>.xlsx``: the member's name in lower case, spaces as hyphens."""
    slug = re.sub(r"[^\w-]+", "-", assessor.strip().casefold()).strip("-")
    return Path(f"vurdering-{slug or 'ny'}.xlsx")


def assessment_template(request: AssessmentRequest) -> Outcome:
    """Write the assessment workbook; an invalid catalogue stops it (exit 1), a bad option
    (an unknown need, theme or agency; an empty name) exits 2 before anything is written."""
    from okosys_plan.assess.template import write_assessment_template
    from okosys_plan.bundled import bundled_catalogue
    from okosys_plan.export.files import WORKBOOK, check_outputs, check_suffix
    from okosys_plan.prioritise.criteria_file import load_criteria_file

    assessor = " ".join(request.assessor.split())
    if not assessor:
        raise UsageError.bad_option("--assessor needs the member's name")
    source = request.catalogue or bundled_catalogue()
    output = request.output or default_output(assessor)
    inputs = tuple(p for p in (source, request.criteria_file) if p is not None)
    check_suffix(output, WORKBOOK)
    check_outputs([output], force=request.force, inputs=inputs)
    settings = load_criteria_file(request.criteria_file) if request.criteria_file else None
    checked = check_file(source, request.max_unpacked, settings.criteria if settings else None)
    halted = stopped(checked, request.lang)
    if halted is not None:
        return halted
    assert checked.catalogue is not None
    agency = _agency(checked.catalogue, request.agency)
    needs = write_assessment_template(output, checked.catalogue, assessor, agency,
                                      request.needs, request.theme, request.lang,
                                      request.force, inputs)
    criteria = [c.name for c in checked.catalogue.scored_criteria]
    document = {"valid": True, "output": str(output), "assessor": assessor, "agency": agency,
                "needs": [n.id for n in needs], "criteria": criteria}
    text = say(request.lang, "{output}: {needs} needs, {criteria} criteria, for {assessor}",
               output=output, needs=len(needs), criteria=len(criteria), assessor=assessor)
    return Outcome(text, document)


def _agency(catalogue: Catalogue, code: str | None) -> str | None:
    """The agency's code as the catalogue writes it; unknown to a catalogue that lists
    agencies, a bad option naming the closest code."""
    if code is None or not code.strip():
        return None
    code = code.strip()
    known = {id_key(a.code): a.code for a in catalogue.agencies}
    if not known or id_key(code) in known:
        return known.get(id_key(code), code)
    close = difflib.get_close_matches(id_key(code), list(known), n=1, cutoff=0.0)
    suggestion = msg("; did you mean {names}?", names=known[close[0]]) if close else ""
    raise UsageError.bad_option("No agency '{code}' in {file}{suggestion}", code=code,
                                file=catalogue.source, suggestion=suggestion)
