"""The app itself: a Flask application on 127.0.0.1, and how it is served and stopped.

``create_app`` makes the application (pages, the guard, the uploads folder);
``serve`` runs it with Werkzeug's threaded server on the loopback interface only, opens
the browser unless asked not to, and on Ctrl-C stops and removes the uploads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from okosys_plan.app.guard import HEADERS, host_allowed, new_token, token_ok
from okosys_plan.app.uploads import MAX_UPLOAD, Uploads
from okosys_plan.text.say import say

HOST = "127.0.0.1"
DEFAULT_PORT = 8765
LANGUAGES = ("nb", "en")
#: What a refused request says (English message ids; the page says them in its language).
REFUSALS = {400: "This address is served only as http://127.0.0.1 on its own port.",
            403: "The form was out of date; load the page again and repeat.",
            404: "There is no such page.",
            413: "The files are too large: at most {mib} MiB at a time."}
OTHER_REFUSAL = "The request could not be served."
DEFECT = "Something went wrong in okosys-plan; the files are untouched. Please report it."


@dataclass
class AppState:
    """What one run of the app holds: its port, token, uploads and the checks made."""

    port: int
    lang: str = "nb"  # the pages' language unless a page asks for the other
    token: str = field(default_factory=new_token)
    uploads: Uploads = field(default_factory=Uploads)
    checked: dict[str, Any] = field(default_factory=dict)  # upload id -> catalogue.check.Checked
    #: analyses (run.pipeline.Results without sensitivity draws) and plans, kept for reuse
    analyses: OrderedDict[tuple[Any, ...], Any] = field(default_factory=OrderedDict)
    #: catalogue path -> the Veikart page's kept scenarios: (name, ((year, cap), ...))
    scenarios: dict[str, list[Any]] = field(default_factory=dict)
    #: catalogue path -> the assessments given for it on Prioritering (uploads.Upload)
    assessments: dict[str, list[Any]] = field(default_factory=dict)
    jobs: dict[str, Any] = field(default_factory=dict)  # run-N -> jobs.Job (Last ned)
    #: held while the dicts above are read or changed (requests are served in threads)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def close(self) -> None:
        """Stop the jobs still running, then remove the uploads (every file the app made)."""
        with self.lock:
            jobs = list(self.jobs.values())
        for job in jobs:
            job.stop()
        self.uploads.close()


def create_app(port: int = DEFAULT_PORT, state: AppState | None = None) -> Any:
    """The Flask application for a server on ``port`` (the Host header must say it)."""
    from flask import Flask, abort, request

    from okosys_plan.app.assessments import pages as assessment_pages
    from okosys_plan.app.catalogue_page import pages
    from okosys_plan.app.chains_page import pages as chain_pages
    from okosys_plan.app.download_page import pages as download_pages
    from okosys_plan.app.funding_page import pages as funding_pages
    from okosys_plan.app.merge_page import pages as merge_pages
    from okosys_plan.app.priority_page import pages as priority_pages
    from okosys_plan.app.veikart_page import pages as roadmap_pages

    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD
    state = state or AppState(port)
    app.extensions["okosys"] = state

    @app.before_request
    def guard() -> None:
        """Refuse another host's name (DNS rebinding) and a form without the token."""
        if not host_allowed(request.host, state.port):
            abort(400)
        if request.method == "POST" and not token_ok(request.form.get("token"), state.token):
            abort(403)

    @app.after_request
    def headers(response: Any) -> Any:
        """The strict CSP and the other protective headers on every response."""
        response.headers.update(HEADERS)
        return response

    @app.context_processor
    def words() -> dict[str, Any]:
        """``t`` says a text in the page's language; the page's language and token."""
        lang = page_lang()
        other = "en" if lang == "nb" else "nb"
        return {"t": lambda english, **fields: say(lang, english, **fields), "lang": lang,
                "token": state.token, "other_lang": other, "switch_url": _switched(other)}

    for blueprint in (pages, merge_pages, priority_pages, assessment_pages, roadmap_pages,
                      funding_pages, chain_pages, download_pages):
        app.register_blueprint(blueprint)
    app.add_url_rule("/favicon.ico", "favicon", lambda: app.send_static_file("favicon.svg"))
    _errors(app)
    return app


def _switched(lang: str) -> str:
    """This page's address in ``lang``, its query kept; after a form only posted to (a
    check, a merge), the page the form is on."""
    from flask import request, url_for

    rule = request.url_rule
    if rule is None or request.endpoint is None or "GET" not in (rule.methods or ()):
        back = {"assessments.give": "priority.priority"}.get(request.endpoint or "",
                                                               "pages.catalogue")
        return url_for(back, lang=lang)
    arguments: dict[str, Any] = {**request.args.to_dict(), **(request.view_args or {}),
                                 "lang": lang}
    return url_for(request.endpoint, **arguments)


def page_lang() -> str:
    """The page's language: ``lang`` in the query or the form, else the app's (``--lang``)."""
    from flask import current_app, request

    lang = request.args.get("lang")
    if lang is None and request.method == "POST":
        try:
            lang = request.form.get("lang")
        except Exception:  # a form too large to read (413): the page is said in bokmål
            lang = None
    return lang if lang in LANGUAGES else state_of(current_app).lang


def state_of(app: Any) -> AppState:
    """The running app's state."""
    found: AppState = app.extensions["okosys"]
    return found


def _errors(app: Any) -> None:
    """Every refusal as a page saying what happened, never a traceback."""
    from flask import render_template
    from werkzeug.exceptions import HTTPException

    texts = REFUSALS

    def refused(error: HTTPException) -> tuple[str, int]:
        code = error.code or 500
        text = texts.get(code, OTHER_REFUSAL)
        return render_template("error.html", text=text, mib=MAX_UPLOAD >> 20), code

    def failed(error: Exception) -> tuple[str, int]:  # a defect: said, not shown as a trace
        app.logger.exception("unexpected error")
        return render_template("error.html", text=DEFECT, mib=MAX_UPLOAD >> 20), 500

    app.register_error_handler(HTTPException, refused)
    app.register_error_handler(Exception, failed)


@dataclass
class Bound:
    """A server bound to its port on 127.0.0.1, with the app and its state."""

    server: Any
    state: AppState


def bind(port: int = DEFAULT_PORT, lang: str = "nb") -> Bound:
    """The app bound to 127.0.0.1:``port`` (OSError when the port cannot be had), its
    pages in ``lang`` unless one asks for the other."""
    import socket

    from werkzeug.serving import make_server

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:  # Werkzeug would exit
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((HOST, port))  # OSError: taken, or not ours to use
    state = AppState(port, lang if lang in LANGUAGES else "nb")
    try:
        server = make_server(HOST, port, create_app(port, state), threaded=True)
    except BaseException:
        state.close()
        raise
    state.port = server.server_port  # port 0: the one the system gave
    return Bound(server, state)


def serve(bound: Bound, browser: bool = True) -> None:
    """Serve until Ctrl-C, opening the browser unless told not to; then remove the uploads."""
    import logging
    import webbrowser

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    url = f"http://{HOST}:{bound.server.server_port}/"
    print(url, flush=True)
    if browser:
        webbrowser.open(url)
    try:
        bound.server.serve_forever()
    except KeyboardInterrupt:  # Ctrl-C is how the app is meant to stop
        pass
    finally:
        bound.server.server_close()
        bound.state.close()
