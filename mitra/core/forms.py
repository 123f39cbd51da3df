"""Form helpers: Bootstrap classes and accessible error markup on every widget."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import bounds, concurrency
from .autocomplete import autocomplete_long_list
from .exceptions import ApplicationError, StaleVersion

# --- a service's refusal shown to a person (issue 18 §2: the one copy) ------------------------
# `ApplicationError.extra` maps field names (or "<formset prefix>.<row>.<field>") to messages; a
# message "?" (or an empty one) only marks the field: the error's own message is meant there.
PLACEHOLDER = "?"


def _problems(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _is_placeholder(problem: Any) -> bool:
    return str(problem).strip() in ("", PLACEHOLDER)


def _error_target(
    form: forms.Form, name: str, formsets: Mapping[str, Any]
) -> tuple[forms.Form, str | None]:
    """The form (the main one or a formset's row) and field an `extra` key names; None for the
    field when that form has no such field (the message then goes at the top of that form)."""
    prefix, _dot, rest = name.partition(".")
    row, _dot, field = rest.partition(".")
    formset = formsets.get(prefix)
    if formset is not None and row.isdigit() and int(row) < len(formset.forms):
        target = formset.forms[int(row)]
        return target, field if field in target.fields else None
    return form, name if name in form.fields else None


def apply_application_errors(
    form: forms.Form, error: ApplicationError, *, formsets: Mapping[str, Any] | None = None
) -> None:
    """Put a service's refusal on the form: each message next to its field when the form has
    that field (a placeholder "?" there carries the error's message), a message for a row of
    one of `formsets` (by prefix: "lines.2.amount") on that row, any other message at the top;
    the error's own message at the top when the service named no field or gave no message."""
    placed: set[tuple[int, str | None, str]] = set()
    for name, problems in error.extra.items():
        for problem in _problems(problems):
            text = error.message if _is_placeholder(problem) else problem
            target, field = _error_target(form, str(name), formsets or {})
            key = (id(target), field, str(text))
            if key not in placed:
                target.add_error(field, text)
                placed.add(key)
    if not placed:
        form.add_error(None, error.message)


def application_error_messages(error: ApplicationError) -> list[str]:
    """A service's refusal where there is no form to put it on (a button's POST, shown as
    flash messages or plain text): its message, then each field's message, without
    placeholders and without saying one thing twice."""
    texts = [str(error.message)]
    for problems in error.extra.values():
        for problem in _problems(problems):
            text = str(problem)
            if not _is_placeholder(text) and text not in texts:
                texts.append(text)
    return texts


def application_error_text(error: ApplicationError) -> str:
    """`application_error_messages` as one flash message or one line of plain text."""
    return " ".join(application_error_messages(error))


# A number typed into a form without its own limits stays within a 32-bit column (counts,
# amounts in units); past it PostgreSQL answers "integer out of range" as a 500 (issue 13 §4).
INT_MAX = 2**31 - 1


def _bound(field: forms.Field) -> None:
    """Give every date and number field of a Mitra form the project's input bounds, once here."""
    if isinstance(field, (forms.DateField, forms.DateTimeField)):
        field.validators.append(bounds.validate_date_in_range)
    elif isinstance(field, forms.IntegerField):
        if field.max_value is None:
            field.validators.append(MaxValueValidator(INT_MAX))
        if field.min_value is None:
            field.validators.append(MinValueValidator(-INT_MAX))


class BootstrapFormMixin:
    """Adds Bootstrap classes; marks invalid fields with aria-invalid for screen readers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            _bound(field)
            autocomplete_long_list(field)  # long lists of bodies and regions (issue 16 §1)
            widget = field.widget
            if isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
                # Each choice a checkbox or radio button with its label: "form-control" would
                # draw every box as an empty full-width pill (issue 16 §1).
                css = "form-check-input"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select"
            elif isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            else:
                css = "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in getattr(self, "_errors", {}) or {}:
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"
                widget.attrs["aria-invalid"] = "true"


# --- no lost edit, no duplicate in HTML forms (issue 13 §2; docs/dev/concurrency.md) ----------
# Edit forms carry the version they were rendered from (hidden `version`); create forms a
# one-time token (hidden `form_token`). Both are rendered by components/concurrency_fields.html.
VERSION_FIELD = "version"


def submitted_version(request: HttpRequest) -> int | None:
    """The version an edit form was rendered from; None when it carries none (no check), 0
    when it carries something else (never current: the form comes back as changed meanwhile)."""
    value = request.POST.get(VERSION_FIELD)
    if value is None or value == "":
        return None
    return concurrency.parse_version(value) or 0


def form_token_for(request: HttpRequest, scope: str) -> str:
    """The create form's one-time token: the one it was submitted with while still unused,
    otherwise a new one (a first render, or a token that expired)."""
    posted = request.POST.get(concurrency.FORM_TOKEN_FIELD, "") if request.method == "POST" else ""
    if posted and concurrency.form_token_usable(user=request.user, token=posted, scope=scope):
        return posted
    return concurrency.form_token_issue(user=request.user, scope=scope)


def create_once[T](
    request: HttpRequest, *, scope: str, create: Callable[[], T], url_of: Callable[[Any], str]
) -> tuple[T | None, str | None]:
    """Run `create` once per form token: (the new record, None) on the first submit;
    (None, the first record's URL) on a second submit of the same form. A form without a token
    (not rendered by Mitra) just creates. Raises ApplicationError as `create` does, and for a
    token that was never issued or expired (nothing is created then)."""
    token = request.POST.get(concurrency.FORM_TOKEN_FIELD, "")
    if not token:
        return create(), None
    with transaction.atomic():
        claim = concurrency.form_token_claim(user=request.user, token=token, scope=scope)
        if claim.used:
            return None, claim.record.result_url
        record = create()
        concurrency.form_token_finish(claim, result_url=url_of(record))
    return record, None


def already_submitted(request: HttpRequest) -> None:
    """Tell the user a second submit of a create form saved nothing new (issue 13 §2)."""
    messages.info(request, _("This form was already submitted; here is the record it saved."))


@dataclass
class FieldChange:
    label: str
    theirs: str
    yours: str


def _shown(field: Any, value: Any) -> str:
    """A field's value as a person reads it (choice labels, record names, lists joined)."""
    if value is None or value == "" or value == []:
        return "—"
    queryset: Any = getattr(field, "queryset", None)
    if isinstance(field, forms.ModelMultipleChoiceField) and queryset is not None:
        items = list(value)
        if items and not isinstance(items[0], models.Model):
            items = list(queryset.filter(pk__in=items))
        return ", ".join(sorted(str(item) for item in items)) or "—"
    if isinstance(field, forms.ModelChoiceField) and queryset is not None:
        if isinstance(value, models.Model):
            return str(value)
        found = queryset.filter(pk=value).first()
        return str(found) if found is not None else str(value)
    if isinstance(field, forms.ChoiceField):
        choices: Any = field.choices
        labels = {str(k): v for k, v in choices if not isinstance(v, (list, tuple))}
        values = value if isinstance(value, (list, tuple)) else [value]
        return ", ".join(str(labels.get(str(v), v)) for v in values) or "—"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(item) for item in value) or "—"
    if isinstance(value, str) and "\n" in value:  # one item a line (aliases, partners)
        return ", ".join(line.strip() for line in value.splitlines() if line.strip()) or "—"
    return str(value)


def _normal(value: Any) -> Any:
    """A value in a form comparable between initial data (ids, text) and cleaned data
    (records, lists): records as their ids, lists sorted, one-a-line text as a list."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet):
        value = list(value)
    if isinstance(value, (list, tuple, set)):
        return sorted((_normal(item) for item in value), key=str)
    if isinstance(value, str) and "\n" in value:
        return [line.strip() for line in value.splitlines() if line.strip()]
    if value in (None, "", []):
        return None
    return str(value)


def _shown_like(field: Any, value: Any, like: Any) -> str:
    """`value` (from initial data) shown as `like` (its cleaned twin) is: a record id as the
    record's name when the form cleans the field into a record."""
    if isinstance(like, models.Model) and not isinstance(value, models.Model) and value:
        found = type(like)._default_manager.filter(pk=value).first()
        return str(found) if found is not None else str(value)
    return _shown(field, value)


def stale_context(
    form: forms.Form, *, error: StaleVersion, current: dict[str, Any], last_event: Any
) -> dict[str, Any]:
    """What an edit form shows when its record changed after it was rendered: a message
    "Changed meanwhile by X at T" (from the record's last audit event), and each field whose
    saved value now differs from the one submitted, with both values. The form keeps the
    user's entries and takes the current version, so saving again is a deliberate choice.

    `current`: the record's values as the form's initial data (`Form.initial_from`).
    """
    if last_event is not None:
        who = last_event.actor_name or str(_("the system"))
        when = formats.date_format(timezone.localtime(last_event.occurred_at), "DATETIME_FORMAT")
        message = _("Changed meanwhile by %(name)s at %(time)s.") % {"name": who, "time": when}
    else:
        message = _("Changed meanwhile by someone else.")
    form.add_error(None, message)
    submitted = getattr(form, "cleaned_data", {})
    changes = []
    for name, field in form.fields.items():
        if name not in submitted:
            continue
        theirs, yours = current.get(name), submitted[name]
        if _normal(theirs) != _normal(yours):
            label = str(field.label or name)
            shown = _shown_like(field, theirs, yours)
            changes.append(FieldChange(label, shown, _shown(field, yours)))
    return {
        "stale": {"message": message, "changes": changes},
        "version": error.current.version,
    }


# Who changed a record last: `audit` registers its `audit_last_event` in `AppConfig.ready()`
# (core imports no app above it; docs/dev/architecture.md).
_last_event_finders: list[Callable[..., Any]] = []


def register_last_event(finder: Callable[..., Any]) -> None:
    """Name the function that returns a record's last change (`finder(target=record)`)."""
    _last_event_finders[:] = [finder]


def last_event_of(record: Any) -> Any:
    return _last_event_finders[0](target=record) if _last_event_finders else None


class VersionedEditMixin:
    """The POST of an edit page whose record carries a version (issue 18 §2: the one copy of
    the "changed meanwhile" handling; docs/dev/concurrency.md). For a View: `self.request`."""

    request: Any

    def save_edit(
        self, form: Any, context: dict[str, Any], update: Callable[..., object], **ids: Any
    ) -> bool:
        """Save a valid edit form: `update(**ids, data=form.to_input(), actor=the user,
        expected_version=the version the form was rendered from, `context["version"]`)`. True
        when it saved. On a refusal False, with the form showing why: when the record changed
        meanwhile, who changed it and what (`stale_context`, with the form's `initial_from` of
        the record as it is now), the context taking the current version; otherwise the
        service's messages on the form."""
        try:
            update(
                **ids,
                data=form.to_input(),
                actor=self.request.user,
                expected_version=context.get("version"),
            )
        except StaleVersion as error:
            current = error.current
            context |= stale_context(
                form,
                error=error,
                current=type(form).initial_from(current),
                last_event=last_event_of(current),
            )
        except ApplicationError as error:
            apply_application_errors(form, error)
        else:
            return True
        return False


# --- check your answers before a submission (issue 16 §1) ------------------------------------
# A valid form is first shown back as a list of answers, each with a "Change" button that
# returns to the form at that field; only "Confirm" saves. The entries travel as hidden fields
# (the form token with them), so no state is kept between the steps and no script is needed.
CHECK_CONFIRM = "confirm"
CHECK_CHANGE = "change"
_CHECK_CONTROLS = {"csrfmiddlewaretoken", CHECK_CONFIRM, CHECK_CHANGE}


@dataclass
class Answer:
    label: str
    value: str
    anchor: str  # the field's id on the form page


def check_step(request: HttpRequest) -> str:
    """What a valid form's POST asks for: "confirm" (save), "change" (back to the form) or
    "check" (show the answers)."""
    if request.POST.get(CHECK_CHANGE):
        return CHECK_CHANGE
    if request.POST.get(CHECK_CONFIRM):
        return CHECK_CONFIRM
    return "check"


def carried_entries(request: HttpRequest) -> list[tuple[str, str]]:
    """The submitted entries to carry as hidden fields through the check page."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name not in _CHECK_CONTROLS
        for value in values
    ]


def form_answers(form: forms.Form, *, skip: tuple[str, ...] = ()) -> list[Answer]:
    """A valid form's answers as a person reads them (choice labels, record names), in order."""
    from .templatetags.form_errors import field_anchor

    answers = []
    for name, field in form.fields.items():
        if name in skip or isinstance(field.widget, forms.HiddenInput):
            continue
        value = form.cleaned_data.get(name)
        answers.append(
            Answer(str(field.label or name), _shown(field, value), field_anchor(form[name]))
        )
    return answers
