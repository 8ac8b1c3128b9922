"""What the history tests share: a History page's rows as staff read them, and admin forms
posted back as the browser would."""

import html

from django.urls import reverse
from django.utils.html import strip_tags


def history_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])


def text(response) -> str:
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def entries(response) -> list:
    """The page's entries, newest first (the view's context)."""
    return list(response.context["entries"])


def changes(entry) -> list[str]:
    return [f"{change.label}: {change.old} → {change.new}" for change in entry.changes]


def form_data(response) -> dict:
    """Every field of an admin change page's form and inline forms, as it was filled."""
    forms = [response.context["adminform"].form]
    for formset in response.context["inline_admin_formsets"]:
        forms.extend(formset.formset.forms)
    data = {}
    for form in forms:
        for name, field in form.fields.items():
            key, value = form.add_prefix(name), form[name].value()
            if field.widget.__class__.__name__ == "SplitDateTimeWidget":
                if value:
                    data[f"{key}_0"] = value.strftime("%Y-%m-%d")
                    data[f"{key}_1"] = value.strftime("%H:%M:%S")
                continue
            if value is None or value is False:
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(getattr(v, "pk", v)) for v in value]
            else:
                data[key] = str(getattr(value, "pk", value))
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
    return data


def inline_key(data: dict, suffix: str, value: str) -> str:
    """The name of the inline field ending in `suffix` that holds `value`."""
    return next(key for key, held in data.items() if key.endswith(suffix) and held == value)
