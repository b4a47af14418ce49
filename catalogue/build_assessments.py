"""Build the five illustrative assessments ``catalogue/vurderinger/*.xlsx``.

They are **illustrative, not real**: made-up AU members' grades, so that
``okosys-plan run`` shows the several-assessors view out of the box (see
docs/vurderinger.md). Each member starts from the bundled catalogue's own scores and
leans one documented way (``PROFILES``); the grades are worked out from the catalogue, so
the files follow it when it changes. Written with the assessment template
(``okosys_plan.assess.template``), so they look as a member's filled workbook does, and
deterministic: the same catalogue gives the same bytes (a test rebuilds and compares).
Run from the repository root::

    python catalogue/build_assessments.py           # writes catalogue/vurderinger/
    python catalogue/build_assessments.py OUT_DIR
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from okosys_plan import load_catalogue  # noqa: E402
from okosys_plan.assess.model import Assessment, Assessor  # noqa: E402
from okosys_plan.assess.template import write_assessment_template  # noqa: E402
from okosys_plan.catalogue.model import Need  # noqa: E402

#: How a member's grade differs from the sheet's: (need's place in the sheet, need,
#: criterion, the sheet's grade) -> their grade, or None where they leave it blank.
Lean = Callable[[int, Need, str, int], int | None]


def _as_sheet(_i: int, _need: Need, _criterion: str, grade: int) -> int | None:
    return grade


def _benefit_minded(i: int, _need: Need, criterion: str, grade: int) -> int | None:
    return grade + 1 if criterion == "Samfunnsnytte" and i % 3 == 0 else grade


def _cautious(i: int, need: Need, criterion: str, grade: int) -> int | None:
    if need.theme == "Arkitektur, standarder og «lett å gjøre rett»":
        return None  # not their field: left blank
    return grade - 1 if criterion in ("Gjennomførbarhet", "Modenhet") and i % 2 == 0 else grade


def _municipal(i: int, _need: Need, criterion: str, grade: int) -> int | None:
    if criterion == "Samfunnsnytte" and i % 8 == 1:
        return _opposite(grade)  # sides with member E on these
    if criterion == "Bredde":
        return grade + 1
    return grade - 1 if criterion == "Hastegrad" and i % 4 == 0 else grade


def _opposite(grade: int) -> int:
    """The other end of the 1–5 scale from the sheet's grade."""
    return 1 if grade >= 3 else 5


def _contrary(i: int, _need: Need, criterion: str, grade: int) -> int | None:
    return _opposite(grade) if i % 4 == 1 and criterion != "Risiko" else grade


#: file name, member, agency, lean (the five "members" are made up).
PROFILES: tuple[tuple[str, str, str, Lean], ...] = (
    ("vurdering-a.xlsx", "Illustrativt medlem A", "DIGDIR", _as_sheet),
    ("vurdering-b.xlsx", "Illustrativt medlem B", "SKATT", _benefit_minded),
    ("vurdering-c.xlsx", "Illustrativt medlem C", "NAV", _cautious),
    ("vurdering-d.xlsx", "Illustrativt medlem D", "KS", _municipal),
    ("vurdering-e.xlsx", "Illustrativt medlem E", "SSB", _contrary),
)
#: A few comments, as members write them: (file, need) -> comment.
COMMENTS = {
    ("vurdering-b.xlsx", "B01"): "Stor gevinst for innbyggerne; bør opp.",
    ("vurdering-c.xlsx", "B02"): "Usikker gjennomføring før konseptfasen er ferdig.",
    ("vurdering-d.xlsx", "B03"): "Viktig for kommunene, som har mange brukere.",
    ("vurdering-e.xlsx", "B02"): "Vi ser lite nytte av dette i vår sektor.",
}


def assessments(catalogue_path: Path) -> list[tuple[str, Assessment]]:
    """Each file name with the assessment it holds."""
    catalogue = load_catalogue(catalogue_path)
    criteria = [c for c in catalogue.scored_criteria]
    made = []
    for name, member, agency, lean in PROFILES:
        grades: dict[tuple[str, str], int] = {}
        for i, need in enumerate(catalogue.needs):
            for criterion in criteria:
                grade = need.scores.get(criterion.name)
                if grade is None:
                    continue
                given = lean(i, need, criterion.name, int(grade))
                if given is not None:
                    grades[(need.id, criterion.name)] = max(
                        criterion.scale_min, min(criterion.scale_max, given))
        comments = {need: text for (file, need), text in COMMENTS.items() if file == name}
        made.append((name, Assessment(Assessor(member, agency, name), grades, comments)))
    return made


def build(folder: Path, catalogue_path: Path = HERE / "behovskatalog.xlsx") -> list[Path]:
    """Write the five workbooks into ``folder``; return their paths."""
    catalogue = load_catalogue(catalogue_path)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, assessment in assessments(catalogue_path):
        path = folder / name
        write_assessment_template(path, catalogue, assessment.assessor.name,
                                  assessment.assessor.agency, force=True, filled=assessment)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "vurderinger"):
        print(path)
