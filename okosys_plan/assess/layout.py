"""The assessment workbook's layout: what ``assess.template`` writes and ``assess.read`` reads.

Names and labels are Norwegian always (a workbook a user fills in). The sheet
``SHEET`` holds a header block of label:value rows (column A the label, column B
the value) from row 1, one row per label in ``HEADER_LABELS`` order; then an
empty row; then the table: its header row at ``TABLE_HEADER_ROW`` (1-based),
the fixed columns ``FIXED_COLUMNS`` first, one column per criterion (headed by
the criterion's name) after them, and ``COMMENT`` last. One need per row below.
"""

from __future__ import annotations

SHEET = "Vurdering"
RUBRIC_SHEET = "Rubrikk"

ASSESSOR_LABEL = "Vurdert av"
AGENCY_LABEL = "Virksomhet"
DATE_LABEL = "Dato"
#: The header block's labels, top to bottom (rows 1, 2, 3; label in column A, value in B).
HEADER_LABELS = (ASSESSOR_LABEL, AGENCY_LABEL, DATE_LABEL)

ID = "ID"
TITLE = "Tittel"
THEME = "Tema"
DESCRIPTION = "Beskrivelse"
COMMENT = "Kommentar"
#: The table's read-only columns, left to right; the criteria's columns follow.
FIXED_COLUMNS = (ID, TITLE, THEME, DESCRIPTION)

#: The table's header row (1-based, as Excel numbers rows): after the block and one empty row.
TABLE_HEADER_ROW = len(HEADER_LABELS) + 2

#: The Rubrikk sheet's headers (row 1): one row per criterion and score below.
RUBRIC_CRITERION = "Kriterium"
RUBRIC_WEIGHT = "Vekt"
RUBRIC_DIRECTION = "Retning"
RUBRIC_MIN = "Skala min"
RUBRIC_MAX = "Skala maks"
RUBRIC_DESCRIPTION = "Beskrivelse"
RUBRIC_SCORE = "Karakter"
RUBRIC_TEXT = "Tekst"
RUBRIC_HEADERS = (RUBRIC_CRITERION, RUBRIC_WEIGHT, RUBRIC_DIRECTION, RUBRIC_MIN, RUBRIC_MAX,
                  RUBRIC_DESCRIPTION, RUBRIC_SCORE, RUBRIC_TEXT)
#: The instructions, in the language of the run (the only sheet that follows ``--lang``).
GUIDE_SHEET = "Veiledning"
