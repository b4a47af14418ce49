"""The roadmap: its settings, its items, and the scheduling of what has no dates."""
