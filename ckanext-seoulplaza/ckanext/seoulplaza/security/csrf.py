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
"""
from __future__ import annotations

import ckan.plugins.toolkit as tk


def configure() -> None:
    tk.config["ckan.csrf_protection.ignore_extensions"] = False
