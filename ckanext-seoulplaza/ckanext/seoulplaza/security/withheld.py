"""A wholly withheld (비공개) record's documents: readable by its stewards only.

Validation refuses documents on a 비공개 record (``logic/validators.py``:
``seoulplaza_withheld_without_documents``), whichever path adds one. Should a
record hold documents anyway (added before that rule, or left when an editor
changes the class), they stay out of every public path:

* ``resource_show`` — which the download view, ``datastore_search``, the
  DataStore dumps and ``datastore_search_sql`` all check — refuses everyone
  but the record's stewards (its organization's editors and admins, sysadmins);
* ``package_show`` lists no resources to anyone else, and so neither does the
  search index, which CKAN fills from ``package_show`` without a user (no
  links, names or document text in search results or snippets).
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.dictization.model_dictize import resource_list_dictize

from ..logic.validators import WITHHELD
from ..participation.access import is_steward, user_obj


def is_withheld(pkg_dict: dict[str, Any]) -> bool:
    """Whether the record is 비공개, from a validated dict (fields) or an
    unvalidated one (``extras``, as CKAN's indexing reads it)."""
    if "disclosure_class" in pkg_dict:
        return pkg_dict["disclosure_class"] == WITHHELD
    return any(extra.get("key") == "disclosure_class" and extra.get("value") == WITHHELD
               for extra in pkg_dict.get("extras") or [] if isinstance(extra, dict))


def hide_documents(context: dict[str, Any], pkg_dict: dict[str, Any]) -> None:
    """IPackageController.after_dataset_show: a withheld record's resources
    only for its stewards. The search index, filled without a user, keeps
    none; a steward's ``package_show``, which may read the index, gets them
    from the database."""
    if not is_withheld(pkg_dict):
        return
    if not is_steward(user_obj(context), pkg_dict.get("owner_org")):
        pkg_dict["resources"], pkg_dict["num_resources"] = [], 0
        return
    package = model.Package.get(pkg_dict.get("id") or "")
    if not pkg_dict.get("resources") and package is not None and package.resources:
        pkg_dict["resources"] = resource_list_dictize(package.resources, {"model": model, **context})
        pkg_dict["num_resources"] = len(pkg_dict["resources"])


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def resource_show(next_auth: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    resource = model.Resource.get(data_dict.get("id") or data_dict.get("resource_id") or "")
    package = resource.package if resource is not None else None
    if package is not None and package.extras.get("disclosure_class") == WITHHELD \
            and not is_steward(user_obj(context), package.owner_org):
        return {"success": False, "msg": tk._("This record is withheld (비공개): its documents open on its "
                                              "planned disclosure date")}
    return next_auth(context, data_dict)


AUTH = {"resource_show": resource_show}
