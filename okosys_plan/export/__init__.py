"""Writers for outputs: safe cells, deterministic bytes, atomic replacement."""
