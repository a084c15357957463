"""Form widgets of the public site."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A <select> written straight from its choices, with the same HTML as Django's own.

    Django builds a context dictionary for each <option> and renders it through a template:
    about a tenth of a millisecond each, a third of a list page's time when its filters
    offer a hundred editions and regions.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        html = [
            format_html('<select name="{}"{}>', name, flatatt(self.build_attrs(self.attrs, attrs)))
        ]
        found = False
        for option_value, option_label in self.choices:
            if isinstance(option_label, (list, tuple)):
                html.append(f'<optgroup label="{conditional_escape(option_value)}">')
                for sub_value, sub_label in option_label:
                    found = self._option(html, sub_value, sub_label, selected, found)
                html.append("</optgroup>")
            else:
                found = self._option(html, option_value, option_label, selected, found)
        html.append("</select>")
        return mark_safe("".join(html))  # noqa: S308 - every value and label is escaped

    def _option(self, html, value, label, selected, found) -> bool:
        value = "" if value is None else str(value)
        # Like Django's Select: only the first option with the value is marked.
        chosen = value in selected and (not found or self.allow_multiple_selected)
        mark = " selected" if chosen else ""
        value, label = conditional_escape(value), conditional_escape(label)
        html.append(f'<option value="{value}"{mark}>{label}</option>')
        return found or chosen
