"""The plaza's defences against attack, each where every path meets it.

One module per kind of attack; each may define ``ACTIONS`` (chained or new
actions) and ``AUTH`` (auth functions) — dicts, or functions returning them
when they depend on which plugins are loaded —, ``configure()`` (run when
the plugin is configured, in every process) and ``install(app)`` (hooks on
CKAN's Flask app: before/after request). This package only gathers them for
the plugin (``plugin.py``), so a new defence is one module and one name below.
"""
from __future__ import annotations

import importlib
from typing import Any, Callable

import ckan.plugins.toolkit as tk

# The modules, in the order their Flask hooks run.
MODULES: tuple[str, ...] = ("headers", "csrf", "xloader_fetch", "stored_urls", "withheld", "datastore_writes", "datastore_limits", "login_throttle", "redirects", "user_privacy", "unchecked_input", "security_txt")


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


def _gathered(attribute: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for module in _modules():
        registry = getattr(module, attribute, {})
        registry = registry() if callable(registry) else registry
        twice = found.keys() & registry.keys()
        if twice:
            raise RuntimeError(f"security modules define {sorted(twice)} twice")
        found.update(registry)
    return found


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
