"""ckanext-scheming YAML for the information types, shared fields as presets (`schemas:presets.yaml`)."""
