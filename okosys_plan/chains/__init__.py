"""Kart for tjenestekjeder: service-chain maps linked through the needs to the plan."""
