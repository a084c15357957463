"""Spreadsheet exports and imports for the registration desk (django-import-export)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.results import RowResult
from import_export.widgets import ForeignKeyWidget

from sessions.models import Edition, SectoralTable

from .models import Booking, Contact, Organisation, Registration, normalise_tax_id
from .services import ProposalData, RegistrationData, registration_import
from .validators import CONTROL_CHARACTERS


class BookingExportResource(resources.ModelResource):
    """One row per booking: the registration, the organisation, the contact, the proposal."""

    edition = fields.Field(attribute="registration__edition", column_name="edition")
    registration_status = fields.Field(column_name="registration status")
    organisation = fields.Field(attribute="organisation__name", column_name="organisation")
    country = fields.Field(attribute="organisation__country", column_name="country")
    tax_id = fields.Field(attribute="organisation__tax_id", column_name="tax identifier")
    city = fields.Field(attribute="organisation__city", column_name="city")
    contact = fields.Field(column_name="contact person")
    email = fields.Field(column_name="e-mail")
    phone = fields.Field(column_name="phone")
    language = fields.Field(attribute="registration__language", column_name="language")
    table = fields.Field(attribute="table__title", column_name="sectoral table")
    sector = fields.Field(attribute="table__sector__name", column_name="sector")
    booking_status = fields.Field(column_name="booking status")
    proposal = fields.Field(column_name="kind of proposal")
    offers = fields.Field(attribute="offers", column_name="offers")
    seeks = fields.Field(attribute="seeks", column_name="seeks")
    description = fields.Field(attribute="description", column_name="description")
    visits = fields.Field(
        attribute="registration__interested_in_visits", column_name="interested in visits"
    )
    public = fields.Field(
        attribute="registration__public_listing_consent", column_name="public listing consent"
    )
    confirmed_at = fields.Field(attribute="registration__confirmed_at", column_name="confirmed at")

    class Meta:
        model = Booking
        fields = (
            "edition",
            "registration_status",
            "organisation",
            "country",
            "tax_id",
            "city",
            "contact",
            "email",
            "phone",
            "language",
            "table",
            "sector",
            "booking_status",
            "proposal",
            "offers",
            "seeks",
            "description",
            "visits",
            "public",
            "confirmed_at",
        )
        export_order = fields

    def get_queryset(self):
        return Booking.objects.for_admin().select_related("table__sector")

    def dehydrate_registration_status(self, booking):
        return booking.registration.get_status_display()

    def dehydrate_contact(self, booking):
        return str(booking.registration.person)

    def dehydrate_email(self, booking):
        return booking.registration.person.email

    def dehydrate_phone(self, booking):
        return booking.registration.person.phone

    def dehydrate_booking_status(self, booking):
        return booking.get_status_display()

    def dehydrate_proposal(self, booking):
        return booking.get_proposal_kind_display()


class OrganisationResource(resources.ModelResource):
    """Organisations found again by country and tax identifier: re-importing a file updates
    them instead of creating duplicates."""

    class Meta:
        model = Organisation
        import_id_fields = ("country", "tax_id")
        fields = ("name", "slug", "kind", "size", "country", "city", "tax_id", "website")
        skip_unchanged = True
        report_skipped = True

    def before_import_row(self, row, **kwargs):
        if row.get("tax_id") and row.get("country"):
            row["tax_id"] = normalise_tax_id(row["country"], str(row["tax_id"]))
        if not row.get("slug"):
            row["slug"] = slugify(f"{row.get('name', '')}-{row.get('tax_id', '')}")[:100]

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        instance.full_clean(exclude=["slug"], validate_unique=False)


class ContactResource(resources.ModelResource):
    """Contacts found again by organisation (tax identifier) and e-mail."""

    organisation = fields.Field(
        attribute="organisation",
        column_name="organisation_tax_id",
        widget=ForeignKeyWidget(Organisation, field="tax_id"),
    )

    class Meta:
        model = Contact
        import_id_fields = ("organisation", "email")
        fields = (
            "organisation",
            "first_name",
            "last_name",
            "role",
            "email",
            "phone",
            "preferred_language",
        )
        skip_unchanged = True
        report_skipped = True

    def before_import_row(self, row, **kwargs):
        if row.get("email"):
            row["email"] = str(row["email"]).strip().lower()


class RegistrationImportResource(resources.ModelResource):
    """Participant lists sent by partner institutions: one row per organisation and table.

    Columns: edition (slug), table (title), organisation, kind, country, tax_id, city,
    first_name, last_name, email, phone, language, proposal_kind, description, offers, seeks.
    Each row goes through `registration_import`, which finds existing records again, so
    re-importing the same file creates no duplicates.
    """

    COLUMNS = (
        "edition",
        "table",
        "organisation",
        "kind",
        "country",
        "tax_id",
        "city",
        "first_name",
        "last_name",
        "email",
        "phone",
        "language",
        "proposal_kind",
        "description",
        "offers",
        "seeks",
    )

    class Meta:
        model = Booking
        fields = ()
        use_transactions = True

    def get_import_fields(self, selected_fields=None):
        return []

    def get_diff_headers(self):
        return list(self.COLUMNS)

    def import_row(self, row, instance_loader, **kwargs):
        result = self.get_row_result_class()()
        # The preview shows what each row says.
        result.diff = [escape(str(row.get(name) or "")) for name in self.COLUMNS]
        result.row_values = dict(row)
        try:
            registration, created = self._import(row)
        except ValidationError as error:
            result.import_type = RowResult.IMPORT_TYPE_INVALID
            result.validation_error = error
            return result
        result.import_type = RowResult.IMPORT_TYPE_NEW if created else RowResult.IMPORT_TYPE_UPDATE
        result.object_repr = str(registration)
        result.object_id = registration.pk
        result.instance = registration  # the admin's history entry names the registration
        return result

    def _import(self, row):
        values = {name: str(row.get(name) or "").strip() for name in self.COLUMNS}
        errors = {}
        for name, value in values.items():
            if CONTROL_CHARACTERS.search(value):
                errors[name] = _("Remove the invisible control characters from this text.")
        edition = Edition.objects.filter(slug=values["edition"]).first()
        if edition is None:
            errors["edition"] = _("No edition has this identifier.")
        table = (
            SectoralTable.objects.filter(edition=edition)
            .filter(
                Q(title_it__iexact=values["table"])
                | Q(title_ru__iexact=values["table"])
                | Q(title_en__iexact=values["table"])
            )
            .first()
            if edition
            else None
        )
        if edition and table is None:
            errors["table"] = _("This edition has no table with this title.")
        for name in ("organisation", "country", "tax_id", "email", "first_name", "last_name"):
            if not values[name]:
                errors[name] = _("This field is required.")
        if values["proposal_kind"] not in Booking.ProposalKind.values:
            errors["proposal_kind"] = _("Unknown kind of proposal.")
        if values["kind"] not in Organisation.Kind.values:
            errors["kind"] = _("Unknown kind of organisation.")
        if errors:
            raise ValidationError(errors)
        before = Registration.objects.filter(edition=edition).count()
        try:
            registration = registration_import(
                edition=edition,
                data=RegistrationData(
                    organisation_name=values["organisation"],
                    organisation_kind=values["kind"],
                    organisation_size="",
                    country=values["country"].upper(),
                    tax_id=values["tax_id"],
                    city=values["city"],
                    first_name=values["first_name"],
                    last_name=values["last_name"],
                    role="",
                    email=values["email"],
                    phone=values["phone"],
                    language=values["language"]
                    if values["language"] in dict(settings.LANGUAGES)
                    else settings.LANGUAGE_CODE,
                    interested_in_visits=False,
                    public_listing_consent=False,
                    proposals=[
                        ProposalData(
                            table=table,
                            proposal_kind=values["proposal_kind"],
                            offers=values["offers"],
                            seeks=values["seeks"],
                            description=values["description"],
                        )
                    ],
                ),
            )
        except ValidationError as error:
            raise ValidationError(
                error.message_dict if hasattr(error, "error_dict") else {"tax_id": error.messages}
            ) from None
        return registration, Registration.objects.filter(edition=edition).count() > before
