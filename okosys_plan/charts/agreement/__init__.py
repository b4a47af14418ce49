"""charts/agreement: the assessors' grades per need and criterion, as a strip plot."""
