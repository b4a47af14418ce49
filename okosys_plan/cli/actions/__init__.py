"""The commands as calls returning an ``Outcome``: free of click, callable from Python."""
