"""The service-chain map: one chart per chain, laid out, drawn and saved."""
