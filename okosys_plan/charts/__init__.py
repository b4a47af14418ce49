"""Charts: common geometry, palette, style and saving here; one folder per chart.

Each chart's folder (``priority``, ``roadmap``, ``funding``, ``keyfigures``) has a pure
layout (plain numbers and strings, no matplotlib) and a draw module; a layout's ``draw``
method imports its own draw module, so ``save.figure_for`` draws any chart without knowing
which it is. A new chart is a new folder.
"""
