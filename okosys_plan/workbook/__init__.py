"""Any sheet in: sniffing, reading, cell marks and isolation; knows no catalogue."""
