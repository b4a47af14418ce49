"""``app``: the local web app in the browser, for those who never open a terminal."""

from __future__ import annotations

import click

from okosys_plan.cli.app import cli, lang_option


@cli.command("app")
@click.option("--port", type=click.IntRange(1024, 65535), default=8765, show_default=True,
              help="The port on 127.0.0.1 to serve on (only this machine can reach it).")
@click.option("--no-browser", is_flag=True, help="Do not open the browser; print the address.")
@lang_option
def app(port: int, no_browser: bool, lang: str) -> None:
    """Open okosys-plan in the browser: check catalogues with the mouse (Ctrl-C stops)."""
    from okosys_plan.app.server import bind, serve
    from okosys_plan.cli.stop import handled
    from okosys_plan.errors import UsageError

    try:
        bound = bind(port, lang)
    except OSError as error:  # the port is taken, or not ours to use
        raise UsageError.bad_option("port {port} cannot be used ({reason})", port=port,
                                    reason=error.strerror or str(error)) from None
    serve(bound, browser=not no_browser)
    handled()  # Ctrl-C stopped the app as it should: nothing is pending
