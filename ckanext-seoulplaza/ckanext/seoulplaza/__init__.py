"""Seoul Plaza: the CKAN extension (schemas wiring, views, templates, actions, auth, CLI)."""
