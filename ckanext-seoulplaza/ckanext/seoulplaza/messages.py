"""The plugin's message catalogue: extract every ``_()`` of its code and
templates into the .pot and merge it into the Korean .po, keeping the CKAN
messages we translate for CKAN (marked ``#. CKAN core``).

Run as ``python -m ckanext.seoulplaza.messages`` (``bin/extract-messages``).
``pybabel extract -F`` cannot be used: CKAN's template extractor is registered
twice and babel refuses the name.
"""
from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

PLUGIN = Path(__file__).parent
POT = PLUGIN / "i18n" / "ckanext-seoulplaza.pot"
KOREAN_PO = PLUGIN / "i18n" / "ko_KR" / "LC_MESSAGES" / "ckanext-seoulplaza.po"
CORE = "CKAN core"


def extract() -> Catalog:
    from ckan.lib.extract import extract_ckan
    template = Catalog(project="ckanext-seoulplaza")
    methods = [("templates/**.html", extract_ckan), ("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(str(PLUGIN), methods):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def read_korean() -> Catalog:
    if not KOREAN_PO.exists():
        return Catalog(locale="ko_KR", project="ckanext-seoulplaza", fuzzy=False)
    with KOREAN_PO.open("rb") as f:
        return read_po(f, locale="ko_KR")


def update() -> list[str]:
    """Write the .pot and the merged .po; returns the untranslated msgids."""
    template = extract()
    with POT.open("wb") as out:
        write_po(out, template, omit_header=True, no_location=True, sort_output=True)
    catalog = read_korean()
    kept = {m.id: m.string for m in catalog if m.id and CORE in m.auto_comments}
    catalog.update(template, no_fuzzy_matching=True)
    for msgid, string in kept.items():
        catalog.add(msgid, string, auto_comments=[CORE])
    catalog.obsolete.clear()
    catalog.header_comment = ("# Korean translations of ckanext-seoulplaza, and of the CKAN messages the\n"
                              "# plaza's pages show that CKAN's own ko_KR catalogue leaves untranslated.")
    catalog.project, catalog.version = "ckanext-seoulplaza", "0.1.0"
    catalog.fuzzy = False  # pybabel compile skips a fuzzy catalogue
    KOREAN_PO.parent.mkdir(parents=True, exist_ok=True)
    with KOREAN_PO.open("wb") as out:
        write_po(out, catalog, no_location=True, sort_output=True)
    return [m.id for m in catalog if m.id and not m.string]


if __name__ == "__main__":
    missing = update()
    print(f"untranslated in ko_KR: {len(missing)}")
    for msgid in missing:
        print("  ", msgid)
