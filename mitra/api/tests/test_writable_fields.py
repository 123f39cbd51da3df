"""Every field a user can write is declared, and no edit writes a field only a rule may change.

Walks the request bodies of every API operation (the OpenAPI schema lists exactly the writable
serializer fields, nested ones included) and the fields of every form of the HTML pages, and
compares them with mitra/api/tests/writable_fields.py (issue 13 §3).
"""

import importlib
import inspect
import pkgutil
import re
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.utils import translation
from django_fsm import FSMField
from drf_spectacular.settings import spectacular_settings

import mitra

from .writable_fields import API_FIELDS, FORM_FIELDS

# SECURITY: fields that change only through their rule: an organization's registry status and
# publication, and every workflow state kept in an FSM field.
RULE_ONLY = {"status", "is_published"} | {
    field.name
    for model in apps.get_models()
    for field in model._meta.get_fields()
    if isinstance(field, FSMField)
}

# Where a status-like field is the whole point of a dedicated, rule-checking operation.
DEDICATED = {
    ("meetings_action_items_partial_update", "status"): "meeting_action_item_set_status",
    ("mitra.meetings.forms.ActionItemStatusForm", "status"): "meeting_action_item_set_status",
    ("mitra.monitoring.forms.FollowUpStatusForm", "status"): "follow_up_set_status",
    # A member agency's opinion: the review service runs the FSM transition it names.
    ("permit_reviews_decide", "state"): "permits review decision (FSM transition)",
    ("mitra.permits.forms.ReviewForm", "state"): "permits review decision (FSM transition)",
}


def _schema() -> tuple[dict[str, Any], Any]:
    generator = spectacular_settings.DEFAULT_GENERATOR_CLASS()
    with translation.override("en"):
        return generator.get_schema(request=None, public=True), generator


def _writable(schema: dict[str, Any], node: dict[str, Any], prefix: str = "") -> set[str]:
    """Names of the writable properties of `node`, nested ones as a.b and a[].b."""
    components = schema["components"]["schemas"]

    def resolve(item: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in item:
            item = components[item["$ref"].rsplit("/", 1)[1]]
        return item

    node = resolve(node)
    names: set[str] = set()
    for part in node.get("allOf", []) + node.get("oneOf", []) + node.get("anyOf", []):
        names |= _writable(schema, part, prefix)
    for name, prop in node.get("properties", {}).items():
        target = resolve(prop)
        if prop.get("readOnly") or target.get("readOnly"):
            continue
        names.add(prefix + name)
        if "properties" in target:
            names |= _writable(schema, target, f"{prefix}{name}.")
        if target.get("type") == "array" and "properties" in resolve(target.get("items", {})):
            names |= _writable(schema, target["items"], f"{prefix}{name}[].")
    return names


def api_operations() -> dict[str, tuple[str, set[str]]]:
    """Operation id -> (access level of its view, writable request fields)."""
    schema, generator = _schema()
    access = {
        (path, method.lower()): getattr(type(view), "access", None)
        for path, _regex, method, view in generator._get_paths_and_endpoints()
    }
    found = {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody")
            if not body:
                continue
            fields: set[str] = set()
            for content in body["content"].values():
                fields |= _writable(schema, content["schema"])
            found[operation["operationId"]] = (access[(path, method)], fields)
    return found


def html_forms() -> dict[str, tuple[set[str], set[str]]]:
    """Form class -> (access levels of the views that use it, its fields); filters left out."""
    form_classes: dict[type, set[str]] = {}
    views: list[tuple[Any, type]] = []
    for info in pkgutil.walk_packages(mitra.__path__, "mitra."):
        last = info.name.rsplit(".", 1)[1]
        if any(part in info.name for part in (".tests", ".migrations", ".management")):
            continue
        if last != "forms" and not last.endswith("views"):
            continue
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            if issubclass(cls, forms.BaseForm):
                form_classes[cls] = set()
            elif hasattr(cls, "access"):
                views.append((module, cls))
    # A view uses a form it names, as `SomeForm` or `forms.SomeForm` in its module.
    for module, view in views:
        source = inspect.getsource(view)
        names = vars(module)
        used = [names.get(n) for n in re.findall(r"\b(\w+Form)\b", source)]
        used += [
            getattr(names.get(mod), n, None)
            for mod, n in re.findall(r"\b(\w+)\.(\w+Form)\b", source)
        ]
        for form_class in used:
            if form_class in form_classes:
                form_classes[form_class].add(view.access)
    return {
        f"{cls.__module__}.{cls.__name__}": (levels, set(cls.base_fields))
        for cls, levels in form_classes.items()
        if not cls.__name__.endswith("FilterForm")
    }


def _rule_only(where: str, fields: set[str]) -> list[str]:
    return sorted(
        name
        for name in fields
        if re.split(r"\.|\[\]\.", name)[-1] in RULE_ONLY and (where, name) not in DEDICATED
    )


def test_organization_status_and_publication_are_rule_only():
    assert {"status", "is_published"} <= RULE_ONLY
    assert "state" in RULE_ONLY  # found from the FSM fields, e.g. a member agency's review
    # The walk sees nested fields, and a dedicated operation's own status only where declared.
    fields = {"legal_name", "status", "lines[].is_published", "meeting.state"}
    assert _rule_only("organizations_partial_update", fields) == [
        "lines[].is_published",
        "meeting.state",
        "status",
    ]
    assert _rule_only("meetings_action_items_partial_update", {"status"}) == []
    operations = api_operations()
    assert "legal_name" in operations["organizations_partial_update"][1]
    assert not {"status", "is_published"} & operations["organizations_partial_update"][1]


def test_every_writable_api_field_is_declared():
    found = api_operations()
    undeclared = {
        op: sorted(fields - API_FIELDS.get(op, (None, set()))[1])
        for op, (_a, fields) in found.items()
    }
    assert not {op: names for op, names in undeclared.items() if names}
    assert {op: level for op, (level, _f) in found.items()} == {
        op: level for op, (level, _f) in API_FIELDS.items()
    }
    # The declaration follows the code both ways: a field removed is removed here too.
    assert {op: fields for op, (_a, fields) in found.items()} == {
        op: fields for op, (_a, fields) in API_FIELDS.items()
    }


def test_no_api_operation_writes_a_rule_only_field():
    for op, (_level, fields) in api_operations().items():
        assert not _rule_only(op, fields), op


def test_every_form_field_is_declared():
    found = html_forms()
    assert {name: fields for name, (_l, fields) in found.items()} == {
        name: fields for name, (_l, fields) in FORM_FIELDS.items()
    }
    for name, (levels, _fields) in found.items():
        assert levels <= FORM_FIELDS[name][0], name


def test_no_form_writes_a_rule_only_field():
    for name, (_levels, fields) in html_forms().items():
        assert not _rule_only(name, fields), name


@pytest.mark.parametrize("declared", [API_FIELDS, FORM_FIELDS])
def test_declarations_name_no_rule_only_field(declared):
    for where, (_level, fields) in declared.items():
        assert not _rule_only(where, fields), where
