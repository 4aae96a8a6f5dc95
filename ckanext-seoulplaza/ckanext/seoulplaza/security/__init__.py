"""The plaza's defences against attack, each where every path meets it.

One module per kind of attack; each may define ``ACTIONS`` (chained or new
actions; two modules may chain one name) and ``AUTH`` (auth functions) —
dicts, or functions returning them when they depend on which plugins are
loaded —, ``configure()`` (run when the plugin is configured, in every
process) and ``install(app)`` (hooks on CKAN's Flask app: before/after
request). This package only gathers them for the plugin (``plugin.py``), so
a new defence is one module and one name below.
"""
from __future__ import annotations

import functools
import importlib
from typing import Any, Callable

import ckan.plugins.toolkit as tk

# The modules, in the order their Flask hooks run: malformed input (a NUL
# character, a list for one value) is refused before any other reads it.
MODULES: tuple[str, ...] = ("unchecked_input", "headers", "csrf", "xloader_fetch", "stored_urls", "catalogue_text", "withheld", "datastore_writes", "datastore_limits", "bulkhead", "login_throttle", "reset_throttle", "registration", "redirects", "user_privacy", "search_params", "security_txt")


def checked_before(transform: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]) -> Callable[..., Any]:
    """A chained action that passes ``transform(context, data_dict)`` (which may
    raise ``ValidationError``) to the action it chains, instead of ``data_dict``."""
    @tk.chained_action
    def action(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
        return next_action(context, transform(context, data_dict))
    action.__doc__ = transform.__doc__
    return action


def _modules() -> list[Any]:
    return [importlib.import_module(f"{__name__}.{name}") for name in MODULES]


# Context key of an internal call whose content the caller has already masked
# (a harvest masks in its fetch stage); no API caller can set a context key.
MASKED = "seoulplaza.masked"


def _chained(function: Any) -> bool:
    return bool(getattr(function, "chained_action", False) or getattr(function, "chained_auth_function", False))


def _one_chain(outer: Any, inner: Any) -> Any:
    """Two chained functions of one name as one: ``outer`` calls ``inner``, which
    calls what they chain — as CKAN chains them from two plugins in this order
    (and, as there, the outer one's marks such as ``side_effect_free`` rule)."""
    def chain(next_function: Any, *args: Any) -> Any:
        return outer(functools.partial(inner, next_function), *args)
    chain.__dict__.update({**inner.__dict__, **outer.__dict__})
    chain.__doc__ = outer.__doc__ or inner.__doc__
    return chain


def merged(*registries: dict[str, Any]) -> dict[str, Any]:
    """Registries of actions or auth functions in one: a name chained in two is
    chained through both in the order given; any other name defined twice is
    an error (one of two definitions would silently be lost)."""
    found: dict[str, Any] = {}
    for registry in registries:
        for name, function in registry.items():
            if name not in found:
                found[name] = function
            elif _chained(found[name]) and _chained(function):
                found[name] = _one_chain(found[name], function)
            else:
                raise RuntimeError(f"{name} is defined twice in the plugin")
    return found


def _gathered(attribute: str) -> dict[str, Any]:
    """Every module's registry, ``merged`` in MODULES' order."""
    registries = [getattr(module, attribute, {}) for module in _modules()]
    return merged(*(registry() if callable(registry) else registry for registry in registries))


def get_actions() -> dict[str, Any]:
    return _gathered("ACTIONS")


def get_auth_functions() -> dict[str, Any]:
    return _gathered("AUTH")


def configure() -> None:
    """Run every module's ``configure()`` (IConfigurable: web, worker and CLI)."""
    for module in _modules():
        if hasattr(module, "configure"):
            module.configure()


def install(app: Any) -> Any:
    """Register every module's request hooks on CKAN's Flask app (IMiddleware)."""
    for module in _modules():
        if hasattr(module, "install"):
            module.install(app)
    return app
