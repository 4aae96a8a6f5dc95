"""Disclosure masking: personal-information detection, redaction and PDF conversion (no CKAN imports)."""
