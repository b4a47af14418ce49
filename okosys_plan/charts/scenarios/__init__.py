"""charts/scenarios: the scenarios side by side: the funding gap per year, rank moves."""
