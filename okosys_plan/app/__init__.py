"""The local web app (``okosys-plan app``): a thin face on the library, like the CLI."""
