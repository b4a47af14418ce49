"""The steps of the whole job, in order, as the terminal and the app name them."""

from __future__ import annotations

#: Step name -> what it is called (English: the message id), in the order a run takes them.
STEPS: dict[str, str] = {
    "validate": "Validating the catalogue",
    "prioritise": "Prioritising (with a sensitivity run)",
    "plan": "Planning the roadmap",
    "funding": "Analysing the funding",
    "scenarios": "Comparing the scenarios",
    "write": "Writing the files",
    "roadmap": "Drawing the roadmap",
    "deck": "Making the deck",
    "report": "Making the report"}
