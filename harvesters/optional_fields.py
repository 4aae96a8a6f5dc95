"""A harvested record whose optional field is malformed is published without
that field, with a warning for its stewards, instead of not at all.

The schemas' own validators judge: the dataset is validated as
``package_create``/``package_update`` would validate it, without writing.
What they refuse decides:

* a field the schema requires, or one that says what the record is and who
  may see it (``PROTECTED``: name, title, agency, source, disclosure class,
  documents), keeps the record out — it cannot be published safely, and the
  harvest reports it as the record's error;
* a field with a safe stand-in (``FALLBACKS``) takes it: a ground for
  withholding that is none of 제9조 제1항 1–8호 becomes "근거 미기재"
  (``unstated``: the record stays withheld), a licence we do not know
  "이용조건 미지정" (``notspecified``: no licence is claimed for it);
* any other optional field (ISBN, URL, date, year, amount, phone, document
  number, a choice, tags …) is left out.

Each change is a ``FieldWarning``. The harvester keeps them on the harvest
object as ckanext-harvest object errors of stage ``Warning`` (the object
itself succeeds) and in its content, so the job report lists them, the run
summary counts them, and the record's page shows them to its stewards
(``warnings_for``).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Optional

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import plugins as lib_plugins
from ckanext.harvest.model import HarvestObject, HarvestObjectError
from ckanext.scheming.helpers import scheming_get_dataset_schema

PROTECTED = frozenset({"id", "name", "type", "state", "title", "owner_org", "source_system", "source_id",
                       "disclosure_class", "resources"})
FALLBACKS = {"nondisclosure_ground": "unstated", "license_id": "notspecified"}
WARNING_STAGE = "Warning"
_ERROR_KEYS = {"tags": "tag_string"}  # the key an error names -> the dataset key that carried the value
_MAX_ROUNDS = 3


@dataclass(frozen=True)
class FieldWarning:
    """One optional field published otherwise than the source sent it.

    ``field``: the dataset field; ``label``: its Korean label; ``value``: what
    the source sent (masked, at most 200 characters); ``problem``: the
    validator's message (Korean / English); ``replacement``: the value
    published instead, or None when the field was left out."""
    field: str
    label: str
    value: str
    problem: str
    replacement: Optional[str] = None

    def message(self) -> str:
        done = (f"'{self.replacement}'(으)로 게시함 / published as {self.replacement!r}" if self.replacement
                else "이 항목 없이 게시함 / published without it")
        return f"경고 / warning: {self.label}: {self.problem} — {done}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _fields(dataset_type: str) -> dict[str, dict[str, Any]]:
    schema = scheming_get_dataset_schema(dataset_type) or {}
    return {f["field_name"]: f for f in schema.get("dataset_fields", [])}


def _required(field: dict[str, Any]) -> bool:
    validators = str(field.get("validators") or "").split()
    return bool(field.get("required")) or "seoulplaza_required" in validators or "not_empty" in validators


def _label(field: dict[str, Any], name: str) -> str:
    label = field.get("label") or name
    return label.get("ko_KR") or label.get("en") or name if isinstance(label, dict) else str(label)


def _problem(messages: Any) -> str:
    """A validator's messages, flattened (tags and resources nest theirs)."""
    if isinstance(messages, dict):
        return "; ".join(_problem(v) for v in messages.values() if v)
    if isinstance(messages, list):
        return "; ".join(p for p in (_problem(m) for m in messages) if p)
    return str(messages)


def validation_errors(context: dict[str, Any], dataset: dict[str, Any],
                      existing_id: Optional[str] = None) -> dict[str, Any]:
    """The errors ``package_create`` (or ``package_update`` of ``existing_id``)
    would raise for ``dataset``, found without writing anything."""
    plugin = lib_plugins.lookup_package_plugin(dataset.get("type"))
    checking: dict[str, Any] = {**context, "model": model, "session": model.Session}
    if existing_id:
        checking["package"] = model.Package.get(existing_id)
        schema, action, data = plugin.update_package_schema(), "package_update", dict(dataset, id=existing_id)
    else:
        schema, action, data = plugin.create_package_schema(), "package_create", dataset
    _data, errors = lib_plugins.plugin_validate(plugin, checking, data, schema, action)
    return errors


def publishable(context: dict[str, Any], dataset: dict[str, Any],
                existing_id: Optional[str] = None) -> tuple[dict[str, Any], list[FieldWarning]]:
    """``dataset`` as it can be published, and what was changed to make it so.

    :raises tk.ValidationError: with the errors of the fields that cannot be
        left out or replaced (required or ``PROTECTED``); nothing is changed then.
    """
    fields = _fields(dataset.get("type") or "")
    warnings: list[FieldWarning] = []
    for _round in range(_MAX_ROUNDS):
        errors = validation_errors(context, dataset, existing_id)
        if not errors:
            return dataset, warnings
        blocking = {key: messages for key, messages in errors.items()
                    if not _tolerable(_ERROR_KEYS.get(key, key), dataset, fields)}
        if blocking:
            raise tk.ValidationError(blocking)
        dataset = dict(dataset)
        for key, messages in errors.items():
            name = _ERROR_KEYS.get(key, key)
            replacement = FALLBACKS.get(name)
            warnings.append(FieldWarning(name, _label(fields.get(name, {}), name), str(dataset[name])[:200],
                                         _problem(messages), replacement))
            if replacement:
                dataset[name] = replacement
            else:
                dataset.pop(name)
                dataset.pop(key, None)
    raise tk.ValidationError(validation_errors(context, dataset, existing_id))


def _tolerable(name: str, dataset: dict[str, Any], fields: dict[str, dict[str, Any]]) -> bool:
    """Whether a refused field may be left out or replaced: the source sent
    it, it is no ``PROTECTED`` field, the schema does not require it (or it
    has a safe stand-in), and it is not the stand-in itself that was refused."""
    if name in PROTECTED or name not in fields or dataset.get(name) in (None, ""):
        return False
    if name in FALLBACKS:
        return dataset[name] != FALLBACKS[name]
    return not _required(fields[name])


def record(harvest_object: HarvestObject, warnings: list[FieldWarning], label: str) -> list[str]:
    """Keep ``warnings`` on the harvest object: in its content (``warnings``,
    for the record's page) and as object errors of stage ``Warning`` naming
    the record by ``label`` (for the job report; the object itself
    succeeds). Returns those messages."""
    content = json.loads(harvest_object.content or "{}")
    content["warnings"] = [w.as_dict() for w in warnings]
    harvest_object.content = json.dumps(content, ensure_ascii=False)
    messages = [f"{label}: {w.message()}" for w in warnings]
    for message in messages:
        model.Session.add(HarvestObjectError(object=harvest_object, message=message, stage=WARNING_STAGE))
    return messages


def is_warning(error: HarvestObjectError) -> bool:
    return error.stage == WARNING_STAGE


def warnings_for(package: dict[str, Any]) -> list[str]:
    """The warnings of the harvest that published ``package`` (its
    ``package_show``) whose field still holds what the harvest left there: a
    steward who has since filled the field in has dealt with it."""
    content = (model.Session.query(HarvestObject.content)
               .filter(HarvestObject.package_id == package["id"], HarvestObject.current == True)  # noqa: E712
               .order_by(HarvestObject.import_finished.desc()).limit(1).scalar())
    warnings = [FieldWarning(**w) for w in json.loads(content or "{}").get("warnings", [])]
    return [w.message() for w in warnings if package.get(w.field) in (None, "", [], w.replacement)]
