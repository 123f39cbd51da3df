"""The generic API classes' declarations are complete (issue 18 §2; mitra.api.v1.generic).

A class that leaves `perform` to its base names the ONE service it calls (`service`) and the
keyword of the record's id (`record_id`); every field of its input must be a keyword of that
service, or a valid request would end in a TypeError (500). A nested list names the relation
it lists unless it builds its rows itself; a class that shows a record names how it reads it.
Checked here for every class the URLconf serves, so a wrong declaration fails before a
request does.
"""

import inspect
from typing import Any

import pytest
from rest_framework.fields import empty

from mitra.api.schema import MethodRouteEnumerator
from mitra.api.v1.generic import (
    ActionApi,
    CallsService,
    NestedCreateApi,
    NestedListApi,
    ShownApi,
    TransitionApi,
)


@pytest.fixture(scope="module")
def served() -> set[type]:
    endpoints = MethodRouteEnumerator().get_api_endpoints()
    classes = {getattr(callback, "cls", None) for _path, _regex, _method, callback in endpoints}
    return {cls for cls in classes if isinstance(cls, type)}


def defined_below(cls: type, name: str, base: type) -> bool:
    """Whether a class between `cls` and `base` (exclusive) defines `name`."""
    return any(name in klass.__dict__ for klass in cls.__mro__[: cls.__mro__.index(base)])


def generic_base(cls: type) -> type:
    """The generic class whose `perform` calls `service`."""
    for base in (TransitionApi, ActionApi, NestedCreateApi):
        if issubclass(cls, base):
            return base
    raise AssertionError(cls)


def by_service(served: set[type]) -> list[Any]:
    """The served classes that leave `perform` to their generic base."""
    return [
        cls
        for cls in served
        if issubclass(cls, CallsService) and not defined_below(cls, "perform", generic_base(cls))
    ]


def keywords(function: Any) -> set[str]:
    return {
        name
        for name, parameter in inspect.signature(function).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    }


def input_fields(cls: Any) -> set[str]:
    if cls.InputSerializer is None:
        return set()
    return set(cls.InputSerializer().get_fields())


def required_fields(cls: Any) -> set[str]:
    """The input fields always in the parsed data: required, or with a default."""
    if cls.InputSerializer is None:
        return set()
    return {
        name
        for name, field in cls.InputSerializer().get_fields().items()
        if field.required or field.default is not empty
    }


def test_the_walk_finds_the_generic_classes(served: set[type]) -> None:
    assert len([cls for cls in served if issubclass(cls, CallsService)]) >= 38  # 38 then
    assert len(by_service(served)) >= 23  # 23 when this was written


def test_a_class_without_its_own_perform_names_a_service_that_takes_its_input(
    served: set[type],
) -> None:
    for cls in by_service(served):
        assert getattr(cls, "service", None) is not None, cls
        assert cls.record_id, cls
        signature = inspect.signature(cls.service).parameters
        given = {cls.record_id, "actor"} | input_fields(cls)
        if issubclass(cls, TransitionApi):
            given.add("transition")
        assert given <= keywords(cls.service), (cls, given - keywords(cls.service))
        # A keyword without a default must always be sent: never an optional input field.
        required = {
            n for n in keywords(cls.service) if signature[n].default is inspect.Parameter.empty
        }
        always = {cls.record_id, "actor", "transition"} | required_fields(cls)
        assert required <= always, (cls, required - always)


def test_a_nested_list_names_its_relation_or_builds_its_rows(served: set[type]) -> None:
    lists = [cls for cls in served if issubclass(cls, NestedListApi)]
    assert lists
    for cls in lists:
        assert cls.related or defined_below(cls, "rows", NestedListApi), cls


def test_a_class_that_shows_a_record_says_how_it_reads_it(served: set[type]) -> None:
    for cls in served:
        if not issubclass(cls, ShownApi) or defined_below(cls, "show", ShownApi):
            continue
        if getattr(cls, "answers_result", False):
            continue  # answers what the service returned; no GET of its own
        assert cls.detail is not None or getattr(cls, "read", None) is not None, cls
        assert cls.output is not None, cls
