"""Cross-site request forgery: every form of the plaza carries CKAN's token.

CKAN exempts extensions' blueprints from its CSRF check by default
(``ckan.csrf_protection.ignore_extensions = true``, a transition setting), which
left the forms of ckanext-harvest ("harvest now", "clear"), the DataStore's
data dictionary and the table views open to a page elsewhere that posts as a
logged-in steward or sysadmin. (The plaza's own forms — comments, 문의하기,
정보공개청구, the stewards' decisions — escaped only by accident: CKAN exempts
the blueprint object ``get_blueprint`` returns, and the plugin builds a new
one on each call.) All their templates and scripts send the token
(``h.csrf_input()``, the ``X-CSRF-Token`` header), so the exemption is turned
off, whatever the ini file says.

CKAN 2.11 also skips the check for every visitor who is not logged in: its
``load_user_from_request`` marks any request without a session user as
"logged in by the Authorization header", and such requests are exempt. So a
page elsewhere could make its visitors' browsers post the login, password
reset and sign-up forms — from as many client addresses as it has visitors,
around the per-address limits. A form post (any endpoint outside the action
API) without a session user is therefore checked here; the action API keeps
CKAN's rule (a script without a cookie holds no token, and a browser cannot
send the API's JSON across sites without asking).
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.common import current_user
from flask import current_app, g, request


def configure() -> None:
    tk.config["ckan.csrf_protection.ignore_extensions"] = False


def check_anonymous_form_post() -> None:
    """A visitor's form post without a session carries the form's token.
    :raises flask_wtf.csrf.CSRFError: no token or a wrong one (HTTP 400)"""
    app = current_app
    if (not app.config.get("WTF_CSRF_ENABLED") or request.method not in app.config["WTF_CSRF_METHODS"]
            or not getattr(g, "_csrf_exempt_view", False) or current_user.is_authenticated
            or (request.blueprint or "") == "api" or not request.endpoint):
        return
    app.extensions["csrf"].protect()


def install(app: Any) -> None:
    app.before_request(check_anonymous_form_post)
