"""Charts: pure layouts (``layout``), drawing onto an Axes (``draw``), saving (``save``).

``palette``, ``geometry`` and ``words`` hold what every chart shares (colours, texts,
legend entries, sizes, wording), so a new chart adds a layout function, a draw function
and one entry in ``save.DRAWERS``.
"""
