"""Two security modules may chain one action: both run, in MODULES' order, as
CKAN would chain them from two plugins; any other name defined twice fails."""
import functools

import pytest
import ckan.plugins.toolkit as tk

from ckanext.seoulplaza import security


def _tagging(tag, registry, side_effect_free=False):
    @tk.chained_action
    def action(next_action, context, data_dict):
        return next_action(context, dict(data_dict, seen=data_dict.get("seen", ()) + (tag,)))
    if side_effect_free:
        action = tk.side_effect_free(action)
    return type("Module", (), {registry: {"the_action": action}})


def test_two_chains_of_one_name_run_outer_first(monkeypatch):
    modules = [_tagging("first", "ACTIONS", side_effect_free=True), _tagging("second", "ACTIONS")]
    monkeypatch.setattr(security, "_modules", lambda: modules)
    chain = security.get_actions()["the_action"]
    assert chain.chained_action and chain.side_effect_free
    assert functools.partial(chain, lambda context, data_dict: data_dict["seen"])({}, {}) == ("first", "second")


def test_a_name_defined_twice_without_chaining_is_an_error(monkeypatch):
    plain = type("Module", (), {"AUTH": {"the_auth": lambda context, data_dict: {"success": True}}})
    monkeypatch.setattr(security, "_modules", lambda: [plain, plain])
    with pytest.raises(RuntimeError, match="the_auth is defined twice"):
        security.get_auth_functions()
