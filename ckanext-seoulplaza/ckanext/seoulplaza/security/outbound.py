"""Server-side requests to URLs that users gave: public addresses only (SSRF).

A resource's URL, a harvest source's URL and every link a source system's
export names are fetched by the portal's own processes, which can reach what
outsiders cannot: the internal source systems, 응답소, PostgreSQL's and Redis's
neighbours, a cloud's metadata service. So every such fetch goes through
:func:`fetch`:

* only ``http`` and ``https``;
* the address is checked **after DNS resolution** and the connection is made
  to the checked address (no rebinding between check and connect), on the
  first request **and on every redirect**; loopback, private (RFC 1918, ULA),
  link-local (169.254.0.0/16, the metadata service), CG-NAT, multicast,
  reserved and unspecified addresses are refused — requests-hardened
  (Saleor's, maintained, used in production) does the resolving and pinning;
  we chose it over ``advocate`` (unmaintained since 2020) and over our own
  resolver code;
* the configured source systems (``ckanext.seoulplaza.source_urls``) are the
  one exception, and only for their own harvester (``trusted``); a redirect
  from one of them to anywhere else is checked like any other.

A refusal is :class:`URLNotAllowed`, whose message names the URL and says
"not allowed or not found", the same for every refused address and for a
host name that does not resolve, so the error tells an attacker nothing
about which internal ports answer nor which internal names exist.
"""
from __future__ import annotations

import logging
import socket
from typing import Any, Iterable, Optional
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import InvalidIPAddress

import ckan.plugins.toolkit as tk

log = logging.getLogger(__name__)

SCHEMES = ("http", "https")
TIMEOUT = (5, 60)  # seconds: connect, read (between bytes)
MAX_REDIRECTS = 5

_CONFIG = Config(ip_filter_enable=True, ip_filter_allow_loopback_ips=False, never_redirect=False,
                 default_timeout=TIMEOUT, user_agent_override="SeoulPlaza (+https://opengov.seoul.go.kr)")


class URLNotAllowed(requests.exceptions.InvalidURL):
    """The portal does not fetch this URL (scheme or address); the message
    names the URL only."""

    def __init__(self, url: str):
        super().__init__(f"{url}: 허용되지 않거나 찾을 수 없는 주소입니다 (포털은 공개된 http·https 주소만 가져옵니다)"
                         f" / not allowed or not found (the portal only fetches public http(s) addresses)")
        self.url = url


def origin(url: str) -> str:
    """``scheme://host:port`` of a URL, lower-cased, with the default port made
    explicit (``http://Example.org`` → ``http://example.org:80``); ``""`` if it
    has no host."""
    parts = urlsplit(url.strip())
    try:
        port = parts.port
    except ValueError:
        return ""
    if not parts.hostname:
        return ""
    scheme = parts.scheme.lower()
    return f"{scheme}://{parts.hostname.lower()}:{port or {'http': 80, 'https': 443}.get(scheme, 0)}"


def check_url(url: Any) -> str:
    """The URL if the portal may try it (http/https, a host, no user-info
    tricks); :class:`URLNotAllowed` otherwise. Addresses are checked when
    connecting, not here."""
    text = str(url or "").strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in SCHEMES or not parts.hostname or parts.username or parts.password \
            or not origin(text):
        raise URLNotAllowed(text)
    return text


def source_origins() -> dict[str, str]:
    """Harvester name → origin of its configured source system
    (``ckanext.seoulplaza.source_urls``: ``harvester=URL`` pairs)."""
    pairs = tk.config.get("ckanext.seoulplaza.source_urls") or ""
    if isinstance(pairs, str):
        pairs = pairs.split()
    found = {}
    for pair in pairs:
        name, _, url = pair.partition("=")
        if name and url:
            found[name.strip()] = origin(url)
    return found


def trusted_for(harvester: str, url: str) -> list[str]:
    """The origins a harvester may reach beyond the public internet: its own
    configured source system's, when ``url`` is on it."""
    own = source_origins().get(harvester)
    return [own] if own and origin(url) == own else []


def session(trusted: Iterable[str] = ()) -> requests.Session:
    """A requests session under this module's policy; ``trusted`` origins (as
    :func:`origin` gives them) are reached without the address check."""
    guarded = HTTPSession(_CONFIG)
    guarded.max_redirects = MAX_REDIRECTS
    guarded.trust_env = False  # no proxy from the environment: it would do the resolving
    for allowed in trusted:
        scheme, _, hostport = allowed.partition("://")
        host, _, port = hostport.rpartition(":")
        default = {"http": "80", "https": "443"}.get(scheme)
        prefixes = [f"{scheme}://{host}:{port}/"] + ([f"{scheme}://{host}/"] if port == default else [])
        for prefix in prefixes:  # requests picks the longest matching prefix: exactly this origin
            guarded.mount(prefix, HTTPAdapter())
    return guarded


def fetch(url: str, *, trusted: Iterable[str] = (), method: str = "GET", **kwargs: Any) -> requests.Response:
    """Request ``url`` under the policy (see the module's docstring).

    :param trusted: origins exempt from the address check (a harvester's own
        configured source system)
    :param kwargs: as ``requests.request`` (``params``, ``headers``, ``stream``,
        ``timeout`` — default 5 s to connect, 60 s between bytes)
    :raises URLNotAllowed: the scheme, or an address on the way (first request
        or a redirect), is not allowed
    :raises requests.RequestException: the fetch failed otherwise
    """
    check_url(url)
    with session(trusted) as guarded:
        try:
            response = guarded.request(method, url, **kwargs)
        except InvalidIPAddress:
            log.warning("refused a server-side request to %s (address not allowed)", url)
            raise URLNotAllowed(url) from None
        except requests.exceptions.InvalidSchema:
            raise URLNotAllowed(url) from None  # a redirect to file:, gopher: …
        except requests.exceptions.ConnectionError as e:
            if _unresolved(e):  # told like a refusal: no oracle of which internal names resolve
                raise URLNotAllowed(url) from None
            raise
    return response


def _unresolved(error: BaseException) -> bool:
    """Whether a failed request failed to resolve its host name."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, socket.gaierror):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def fetch_error(url: str, error: Exception) -> str:
    """What a user may be told of a failed fetch: the URL and the kind of
    failure, never addresses, ports or library internals."""
    if isinstance(error, URLNotAllowed):
        return str(error)
    if isinstance(error, requests.exceptions.HTTPError) and error.response is not None:
        return f"{url}: the server answered HTTP {error.response.status_code}"
    if isinstance(error, requests.exceptions.Timeout):
        return f"{url}: timed out"
    if isinstance(error, requests.exceptions.TooManyRedirects):
        return f"{url}: too many redirects"
    return f"{url}: could not be downloaded"


def check_harvest_source(source_type: Optional[str], url: Any) -> None:
    """A harvest source's URL is http(s), and a configured source system's
    origin only for its own harvester (others reach it through no source).
    :raises tk.ValidationError: naming the URL"""
    text = str(url or "").strip()
    try:
        check_url(text)
    except URLNotAllowed as error:
        raise tk.ValidationError({"url": [str(error)]}) from None
    owners = [name for name, own in source_origins().items() if own == origin(text)]
    if owners and source_type not in owners:
        raise tk.ValidationError({"url": [f"{text}: 허용되지 않는 주소입니다 (원본시스템 {owners[0]}은(는) 그 수집기만"
                                          f" 수집합니다) / not allowed (the source system {owners[0]} is"
                                          f" harvested by its own harvester only)"]})
