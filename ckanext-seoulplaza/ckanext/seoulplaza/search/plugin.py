"""``seoulplaza_search``: choose CKAN's search backend from configuration."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from . import connection, seam


@tk.blanket.config_declarations
class SeoulplazaSearchPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)

    def update_config(self, config: tk.CKANConfig) -> None:
        # Runs before CKAN initialises search, and again whenever plugins change.
        if config.get("ckanext.seoulplaza.search_backend") == "postgres":
            # CKAN requires solr_url even though nothing will contact it.
            config["solr_url"] = config.get("solr_url") or connection.PostgresSolrConnection.url
            seam.install("postgres")
        else:
            seam.install("solr")
