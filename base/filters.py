"""What every public list's filters share."""

import django_filters
from django import forms
from django.utils.translation import get_language

from .caching import remember


class PortalFilterSet(django_filters.FilterSet):
    """Bootstrap Italia classes on every widget of a public filter form.

    The choices of a select drawn from the database (regions, sectors, editions) are the same
    on every page of a list, whatever its filters: they are read once per change of content
    and language, as plain (value, label) pairs. A value sent back is still checked against
    the database by the field itself.
    """

    @property
    def form(self):
        form = super().form
        for name, field in form.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                field.widget.choices = self._choices(name, field)
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        return form

    def _choices(self, name: str, field: forms.ModelChoiceField) -> list:
        return remember(
            f"filter-choices:{type(self).__name__}:{name}:{get_language()}",
            lambda: [(str(value), str(label)) for value, label in field.choices],
        )


class YearFilter(django_filters.NumberFilter):
    """A year, typed as text so that a wrong entry stays visible next to its message."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "size": 4}))
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2999)
        super().__init__(*args, **kwargs)
