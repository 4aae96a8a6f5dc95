"""``seoulplaza``: the plaza itself. Search lives in its own plugin (``search/``)."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk


@tk.blanket.config_declarations
@tk.blanket.cli
class SeoulplazaPlugin(p.SingletonPlugin):
    """Pages, schemas wiring and actions arrive with the issues that need them."""
