"""``python -m okosys_plan`` runs the command line."""

from okosys_plan.cli.main import main

main()
