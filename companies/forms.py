import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from base.enums import Country

from .models import Booking, Organisation, normalise_tax_id
from .services import ProposalData, RegistrationData
from .validators import no_control_characters, validate_contact_email


def text(label, *, max_length, required=True, textarea=False, help_text=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": 3}) if textarea else forms.TextInput,
    )


def style_widgets(form) -> None:
    """Bootstrap Italia classes on every visible widget."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif isinstance(widget, (forms.TextInput, forms.EmailInput, forms.Textarea)):
            widget.attrs.setdefault("class", "form-control")


class ProposalFields:
    """The four fields of one table's collaboration proposal, prefixed by the table's id."""

    NAMES = ("proposal_kind", "offers", "seeks", "description")

    @staticmethod
    def build(table_id: int) -> dict[str, forms.Field]:
        return {
            f"proposal_kind_{table_id}": forms.ChoiceField(
                label=_("Kind of proposal"),
                choices=[("", "—"), *Booking.ProposalKind.choices],
                required=False,
            ),
            f"offers_{table_id}": text(
                _("What your organisation offers"), max_length=2000, required=False, textarea=True
            ),
            f"seeks_{table_id}": text(
                _("What your organisation seeks"), max_length=2000, required=False, textarea=True
            ),
            f"description_{table_id}": text(
                _("Short description of the proposal"),
                max_length=2000,
                required=False,
                textarea=True,
            ),
        }


class RegistrationForm(forms.Form):
    """Everything a company or institution gives to register for an edition's tables."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    # A field people never see: bots fill it in, and their submission is dropped.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    organisation_name = text(_("Name of the organisation"), max_length=250)
    organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"), choices=[("", "—"), *Organisation.Kind.choices]
    )
    organisation_size = forms.ChoiceField(
        label=_("Size (EU definition)"),
        choices=[("", _("not applicable")), *Organisation.Size.choices],
        required=False,
    )
    country = forms.ChoiceField(label=_("Country"), choices=[("", "—"), *Country.choices])
    tax_id = text(
        _("Tax identifier"),
        max_length=20,
        help_text=_("Italy: partita IVA (11 digits). Russia: INN (10 or 12 digits) or OGRN."),
    )
    city = text(_("City"), max_length=120, required=False)

    first_name = text(_("First name"), max_length=100)
    last_name = text(_("Last name"), max_length=100)
    role = text(_("Role in the organisation"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=254, validators=[validate_contact_email])
    phone = text(_("Phone"), max_length=40, required=False)
    language = forms.ChoiceField(label=_("Language for our e-mails"), choices=settings.LANGUAGES)

    tables = forms.MultipleChoiceField(
        label=_("Sectoral tables"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one sectoral table.")},
    )
    interested_in_visits = forms.BooleanField(
        label=_("We are interested in the company visits"), required=False
    )
    public_listing_consent = forms.BooleanField(
        label=_("We agree to be listed publicly as a participant (name, country, sector)"),
        required=False,
    )
    privacy_accepted = forms.BooleanField(
        label=_("I have read the privacy notice"),
        error_messages={"required": _("You must accept the privacy notice to register.")},
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.table_objects = {table.pk: table for table in edition.tables.all()}
        self.fields["tables"].choices = [
            (str(pk), table.title) for pk, table in self.table_objects.items()
        ]
        for pk in self.table_objects:
            self.fields.update(ProposalFields.build(pk))
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
        style_widgets(self)

    def proposal_fields(self, table_id: int):
        return [self[f"{name}_{table_id}"] for name in ProposalFields.NAMES]

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def clean_tables(self):
        # The same table sent twice (a tampered form) counts once.
        return list(dict.fromkeys(self.cleaned_data["tables"]))

    def clean_email(self):
        # Whether the address or the organisation is already registered is said only in
        # the e-mail sent to it (services.registration_submit), never on this page.
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        country, tax_id = cleaned.get("country"), cleaned.get("tax_id")
        if country and tax_id:
            try:
                cleaned["tax_id"] = normalise_tax_id(country, tax_id)
            except ValidationError as error:
                self.add_error("tax_id", error)
        for pk in (int(value) for value in cleaned.get("tables") or []):
            if not cleaned.get(f"proposal_kind_{pk}"):
                self.add_error(f"proposal_kind_{pk}", _("Choose the kind of proposal."))
            if not (cleaned.get(f"description_{pk}") or "").strip():
                self.add_error(f"description_{pk}", _("Describe the proposal in a few lines."))
        return cleaned

    def registration_data(self) -> RegistrationData:
        data = self.cleaned_data
        return RegistrationData(
            organisation_name=data["organisation_name"],
            organisation_kind=data["organisation_kind"],
            organisation_size=data["organisation_size"],
            country=data["country"],
            tax_id=data["tax_id"],
            city=data["city"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            role=data["role"],
            email=data["email"],
            phone=data["phone"],
            language=data["language"],
            interested_in_visits=data["interested_in_visits"],
            public_listing_consent=data["public_listing_consent"],
            proposals=[
                ProposalData(
                    table=self.table_objects[int(pk)],
                    proposal_kind=data[f"proposal_kind_{pk}"],
                    offers=data[f"offers_{pk}"],
                    seeks=data[f"seeks_{pk}"],
                    description=data[f"description_{pk}"],
                )
                for pk in data["tables"]
            ],
        )


class ProposalForm(forms.ModelForm):
    """A registrant edits one booking's proposal from the manage page."""

    class Meta:
        model = Booking
        fields = ["proposal_kind", "offers", "seeks", "description"]
        widgets = {
            "offers": forms.Textarea(attrs={"rows": 3}),
            "seeks": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("offers", "seeks", "description"):
            self.fields[name].validators.append(no_control_characters)
        style_widgets(self)
