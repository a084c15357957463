"""FastSelect writes the same <select> as Django's Select, without a template per option."""

import pytest
from django import forms
from django.test.html import parse_html

from taskforce.widgets import FastSelect

CHOICES = [
    ("", "—"),
    ("IT", "Italia"),
    ("Россия", [("RU-MOW", "Москва"), ("RU-LIP", 'Липецкая <область> & "Co"')]),
    ("EN", "England"),
]


@pytest.mark.parametrize("value", [None, "", "IT", "RU-LIP", "<script>"])
def test_fast_select_writes_what_select_writes(value):
    attrs = {"class": "form-select", "id": "id_region", "aria-describedby": "help"}

    fast = FastSelect(attrs=attrs, choices=CHOICES).render("region", value)
    django = forms.Select(attrs=attrs, choices=CHOICES).render("region", value)

    # The same elements, attributes and text (attribute order aside).
    assert parse_html(fast) == parse_html(django)


def test_only_the_first_option_with_the_value_is_selected_as_in_django():
    choices = [("IT", "Italia"), ("IT", "Italia, di nuovo"), ("", "—")]

    fast = FastSelect(choices=choices).render("country", "IT")

    assert parse_html(fast) == parse_html(forms.Select(choices=choices).render("country", "IT"))
    assert fast.count(" selected") == 1


def test_fast_select_escapes_labels_and_marks_the_selected_option():
    html = FastSelect(choices=CHOICES).render("region", "RU-LIP")

    assert (
        '<option value="RU-LIP" selected>Липецкая &lt;область&gt; &amp; &quot;Co&quot;</option>'
        in html
    )
    assert '<optgroup label="Россия">' in html
    assert html.count(" selected") == 1


@pytest.mark.django_db
def test_public_filters_use_fast_select(client):
    from sessions.filters import EditionFilter

    form = EditionFilter(data={}).form

    assert isinstance(form.fields["region"].widget, FastSelect)
    assert form.fields["region"].widget.attrs["class"] == "form-select"
