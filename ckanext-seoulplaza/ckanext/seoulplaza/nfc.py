"""Text in one Unicode form, NFC, made so once, where it enters the plaza.

Hangul can be written precomposed (청년, NFC, what Korean keyboards on Windows,
Android and the web produce) or as conjoining jamo (ᄎ ᅥ ᆼ …, NFD, what macOS
file names and some copy-paste produce). Both look the same, but they differ
to every comparison: a tag typed in NFD became a second 청년 in the tag facet
and ``fq=tags:청년`` missed it. Text enters the plaza by

* HTTP, every form, API call and search (``NFCInput`` and ``normalize_form``
  on CKAN's app): the query string, urlencoded and JSON bodies (JSON strings
  written as ``\\u`` escapes too) and the text fields of multipart forms —
  records, resources, tags, extras, organizations and groups, comments,
  participation, ``q``/``fq`` — so CKAN's validators, name look-ups (a tag, a
  group) and the index all see one form;
* the source systems, read by the harvesters and the 응답소 client, which pass
  what they read through ``normalized``.

Uploaded files are not text fields and are stored as they came.
"""
from __future__ import annotations

import io
import json
import unicodedata
from typing import Any, Callable, Iterable
from urllib.parse import quote_plus, unquote_to_bytes

from flask import request
from werkzeug.datastructures import ImmutableMultiDict

FORM = "NFC"
_TEXT_BODIES = ("application/x-www-form-urlencoded", "application/json")


def normalized(value: Any) -> Any:
    """``value`` with every string in it (dict keys and values, list items) in
    NFC; anything else as it is."""
    if isinstance(value, str):
        return value if unicodedata.is_normalized(FORM, value) else unicodedata.normalize(FORM, value)
    if isinstance(value, list):
        return [normalized(item) for item in value]
    if isinstance(value, dict):
        return {normalized(key): normalized(item) for key, item in value.items()}
    return value


def _unquoted(part: bytes) -> str:
    return unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8", "surrogateescape")


def _query_pairs(query: bytes) -> bytes:
    """Urlencoded bytes with each pair whose text is not NFC re-encoded in NFC;
    the other pairs keep their bytes."""
    out = []
    for pair in query.split(b"&"):
        text = _unquoted(pair)
        if text.isascii() or unicodedata.is_normalized(FORM, text):
            out.append(pair)
            continue
        name, eq, value = pair.partition(b"=")
        out.append(eq.join(quote_plus(normalized(_unquoted(part)), errors="surrogateescape").encode("ascii")
                           for part in (name, value)))
    return b"&".join(out)


def _json_body(body: bytes) -> bytes:
    """A JSON body with its strings in NFC (written anew only when one changes)."""
    if body.isascii() and b"\\u" not in body:
        return body
    try:
        data = json.loads(body)
    except ValueError:
        return body  # CKAN answers malformed JSON itself
    fixed = normalized(data)
    return body if fixed == data else json.dumps(fixed, ensure_ascii=False).encode("utf-8")


class NFCInput:
    """WSGI middleware: the query string and urlencoded or JSON request bodies
    in NFC, before anything reads them (the body is read whole, as CKAN would)."""

    def __init__(self, app: Callable[..., Iterable[bytes]]):
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        query = environ.get("QUERY_STRING", "")
        if query:  # PEP 3333: the bytes as latin-1 characters
            environ["QUERY_STRING"] = _query_pairs(query.encode("latin-1")).decode("latin-1")
        content_type = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        length = environ.get("CONTENT_LENGTH") or ""
        if content_type in _TEXT_BODIES and length.isdigit() and int(length) > 0:
            body = environ["wsgi.input"].read(int(length))
            if content_type == "application/json":
                fixed = _json_body(body)
            else:
                fixed = _query_pairs(body)
            environ["wsgi.input"] = io.BytesIO(fixed)
            environ["CONTENT_LENGTH"] = str(len(fixed))
        return self.app(environ, start_response)


def normalize_form() -> None:
    """before_request: a multipart form's text fields in NFC (its files untouched)."""
    if request.mimetype != "multipart/form-data":
        return
    fields = list(request.form.items(multi=True))
    if all(value.isascii() or unicodedata.is_normalized(FORM, value) for _key, value in fields):
        return
    request.form = ImmutableMultiDict([(normalized(key), normalized(value)) for key, value in fields])


def install(app: Any) -> Any:
    """Normalise what CKAN's Flask app receives; returns the app."""
    app.wsgi_app = NFCInput(app.wsgi_app)
    app.before_request(normalize_form)
    return app
