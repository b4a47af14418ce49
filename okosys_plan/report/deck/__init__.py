"""The Skate deck: the whole round as an editable PowerPoint (python-pptx)."""
