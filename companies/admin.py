import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportActionMixin, ExportMixin, ImportExportMixin, ImportMixin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from base.admin import HistoryAdmin
from base.exports import SafeSpreadsheetsMixin
from base.models import SubqueryCount
from sessions.admin import EditionAdmin
from sessions.models import SectoralTable

from . import services
from .models import (
    Booking,
    CompanyVisit,
    Contact,
    District,
    EditionOrganiser,
    Notification,
    Organisation,
    Registration,
)
from .notifications import notification_send
from .privacy import contact_erase, contact_export
from .resources import (
    BookingExportResource,
    ContactResource,
    OrganisationResource,
    RegistrationImportResource,
)

AUDIT_FIELDS = ("created_at", "updated_at")


# The edition's page in the back office (sessions.admin) also lists its organisers and its
# company visits: the models are this app's, so are their inlines.


class EditionOrganiserInline(TranslationTabularInline):
    model = EditionOrganiser
    extra = 0
    autocomplete_fields = ("organisation",)


class CompanyVisitInline(TranslationTabularInline):
    model = CompanyVisit
    extra = 0
    fields = ("host", "district", "sector", "date", "place")
    autocomplete_fields = ("host", "district", "sector")
    show_change_link = True


EditionAdmin.inlines = (*EditionAdmin.inlines, EditionOrganiserInline, CompanyVisitInline)


@admin.register(CompanyVisit)
class CompanyVisitAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ("host", "edition", "district", "sector", "date", "place")
    list_filter = ("sector", "edition__country", "edition")
    list_select_related = ("host", "edition", "district", "sector")
    search_fields = ("host__name", "district__name_it", "place_it", "description_it")
    autocomplete_fields = ("edition", "host", "district", "sector")
    date_hierarchy = "date"
    readonly_fields = AUDIT_FIELDS


@admin.register(District)
class DistrictAdmin(TabbedTranslationAdmin):
    list_display = ("name", "kind", "country", "region", "organisation_count")
    list_filter = ("kind", "country", "sectors")
    list_select_related = ("region",)
    search_fields = ("slug", "name_it", "name_ru", "name_en", "region__name_it")
    autocomplete_fields = ("region", "sectors")
    prepopulated_fields = {"slug": ("name_it",)}
    readonly_fields = AUDIT_FIELDS

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_organisation_count=Count("organisations", distinct=True))
        )

    @admin.display(description=_("organisations"), ordering="_organisation_count")
    def organisation_count(self, obj):
        return obj._organisation_count


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ("first_name", "last_name", "role", "email", "phone", "preferred_language")


@admin.register(Organisation)
class OrganisationAdmin(
    SafeSpreadsheetsMixin, ImportExportMixin, HistoryAdmin, TabbedTranslationAdmin
):
    # A list of tens of thousands of rows (docs/PERFORMANCE.md): no count of the whole
    # table beside the filtered one, and pages of 50 rows.
    show_full_result_count = False
    list_per_page = 50
    resource_classes = [OrganisationResource]
    list_display = ("name", "kind", "size", "country", "region", "city", "tax_id", "contact_count")
    list_filter = ("kind", "size", "country", "sectors", "region")
    list_select_related = ("region",)
    search_fields = ("name", "slug", "tax_id", "city", "contacts__email")
    autocomplete_fields = ("region", "district", "sectors")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = AUDIT_FIELDS
    inlines = (ContactInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("contacts"), ordering="contact_count")
    def contact_count(self, obj):
        return obj.contact_count


@admin.register(Contact)
class ContactAdmin(SafeSpreadsheetsMixin, ImportExportMixin, HistoryAdmin):
    # A list of tens of thousands of rows (docs/PERFORMANCE.md): no count of the whole
    # table beside the filtered one, and pages of 50 rows.
    show_full_result_count = False
    list_per_page = 50
    resource_classes = [ContactResource]
    actions = ["export_personal_data", "erase_personal_data"]

    @admin.action(description=_("Export the person's data (JSON, GDPR)"), permissions=["view"])
    def export_personal_data(self, request, queryset):
        data = [contact_export(contact=contact) for contact in queryset]
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
        return response

    @admin.action(description=_("Erase the person (anonymise, GDPR)"), permissions=["change"])
    def erase_personal_data(self, request, queryset):
        if request.POST.get("confirm") != "yes":
            return render(
                request,
                "admin/companies/contact/erase.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Erase personal data"),
                    "contacts": queryset,
                    "opts": self.model._meta,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        for contact in queryset:
            contact_erase(contact=contact)
        self.message_user(
            request,
            _("%(count)s person(s) erased: their organisations and bookings are kept.")
            % {"count": queryset.count()},
            messages.SUCCESS,
        )
        return None

    list_display = ("__str__", "organisation", "role", "email", "phone", "preferred_language")
    list_filter = ("preferred_language", "organisation__country")
    list_select_related = ("organisation",)
    search_fields = ("first_name", "last_name", "email", "organisation__name")
    autocomplete_fields = ("organisation",)
    readonly_fields = AUDIT_FIELDS


class StaffBookingForm(forms.ModelForm):
    """A booking staff add on a registration's page (taken by phone or on paper)."""

    class Meta:
        model = Booking
        fields = ("table", "proposal_kind", "offers", "seeks", "description")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:  # a stored booking, shown read-only
            return cleaned
        registration = self.instance.registration
        table = cleaned.get("table")
        if registration.status != Registration.Status.CONFIRMED:
            raise forms.ValidationError(_("Bookings can be added to confirmed registrations only."))
        if (
            table
            and Booking.objects.filter(table=table, organisation_id=registration.organisation_id)
            .filter(status__in=Booking.ACTIVE)
            .exists()
        ):
            self.add_error("table", _("This organisation has already booked this table."))
        return cleaned


class BookingInline(admin.TabularInline):
    """A registration's bookings. Existing ones are read-only (their status changes through
    the actions of the bookings list); new ones go through the booking rules
    (services.booking_add)."""

    model = Booking
    form = StaffBookingForm
    extra = 0
    fields = (
        "table",
        "status",
        "proposal_kind",
        "offers",
        "seeks",
        "description",
        "rejection_reason",
        "attended",
    )
    readonly_fields = ("status", "rejection_reason", "attended")
    can_delete = False
    show_change_link = True

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "table":
            # Only the tables of the registration's edition (the page's object).
            match = request.resolver_match
            registration_id = match.kwargs.get("object_id") if match else None
            kwargs["queryset"] = SectoralTable.objects.filter(
                edition__registrations__pk=registration_id
            ).select_related("sector")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request, obj=None):
        return (
            obj is not None
            and obj.status == Registration.Status.CONFIRMED
            and super().has_add_permission(request, obj)
        )

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StaffRegistrationForm(forms.ModelForm):
    """A registration staff record (taken by phone or on paper), for a contact of the
    organisation; it is confirmed when saved (services.registration_record)."""

    class Meta:
        model = Registration
        fields = (
            "edition",
            "organisation",
            "contact",
            "language",
            "interested_in_visits",
            "public_listing_consent",
        )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            return cleaned
        edition, organisation = cleaned.get("edition"), cleaned.get("organisation")
        contact = cleaned.get("contact")
        if contact is None:
            self.add_error("contact", _("Choose a contact person of the organisation."))
        elif organisation and contact.organisation_id != organisation.pk:
            self.add_error("contact", _("This person is not a contact of the organisation."))
        if (
            edition
            and organisation
            and Registration.objects.confirmed()
            .filter(edition=edition, organisation=organisation)
            .exists()
        ):
            self.add_error(
                "organisation", _("This organisation is already registered for this edition.")
            )
        return cleaned


@admin.register(Registration)
class RegistrationAdmin(SafeSpreadsheetsMixin, ImportMixin, HistoryAdmin):
    """Registrations: staff record one taken by phone (confirmed at once) and add its
    bookings; the status changes only through the services (confirmation by the
    registrant, the "cancel" action), never by editing it."""

    # A list of tens of thousands of rows (docs/PERFORMANCE.md): no count of the whole
    # table beside the filtered one, and pages of 50 rows.
    show_full_result_count = False
    list_per_page = 50
    resource_classes = [RegistrationImportResource]
    form = StaffRegistrationForm
    list_display = (
        "organisation",
        "edition",
        "contact_email",
        "status",
        "language",
        "booking_count",
        "created_at",
    )
    list_filter = (
        "status",
        "edition",
        "organisation__country",
        "language",
        "bookings__table__sector",
        "bookings__proposal_kind",
        "created_at",
    )
    list_select_related = ("organisation", "edition", "contact")
    search_fields = ("organisation__name", "organisation__tax_id", "contact__email", "email")
    # A date filter, not date_hierarchy: the hierarchy reads every row's date on each page.
    autocomplete_fields = ("edition", "organisation", "contact")
    actions = ["cancel"]
    RECORD_FIELDS = (
        "status",
        "public_id",
        "submission_key",
        "privacy_accepted_at",
        "privacy_version",
        "confirmed_at",
        "cancelled_at",
        "created_at",
        "updated_at",
    )
    HELD_FIELDS = ("email", "first_name", "last_name", "role", "phone")

    def get_fieldsets(self, request, obj=None):
        fields = (
            "edition",
            "organisation",
            "contact",
            "language",
            "interested_in_visits",
            "public_listing_consent",
        )
        fieldsets = [(None, {"fields": fields})]
        if obj is not None and obj.contact_id is None:
            fieldsets.append(
                (
                    _("The person as submitted, until the e-mail is confirmed"),
                    {"fields": self.HELD_FIELDS},
                )
            )
        if obj is not None:
            fieldsets.append((_("Record"), {"fields": self.RECORD_FIELDS}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("edition", "organisation", "contact", *self.HELD_FIELDS, *self.RECORD_FIELDS)

    def get_inlines(self, request, obj):
        # Bookings are added once the registration exists (the page reopens after saving).
        return [BookingInline] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            services.registration_record(registration=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Booking:
            return super().save_formset(request, form, formset, change)
        # What formset.save() would record, for the change message of the admin's log.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for booking_form in formset.forms:
            if booking_form.instance.pk or not booking_form.has_changed():
                continue
            data = booking_form.cleaned_data
            try:
                booking = services.booking_add(
                    registration=form.instance,
                    table=data["table"],
                    proposal_kind=data["proposal_kind"],
                    offers=data["offers"],
                    seeks=data["seeks"],
                    description=data["description"],
                    by=request.user,
                )
            except services.BookingError as error:
                self.message_user(request, f"{data['table']}: {error}", messages.ERROR)
            else:
                formset.new_objects.append(booking)
        return None

    def response_add(self, request, obj, post_url_continue=None):
        # Straight to the registration's page, where its bookings are added.
        if "_addanother" not in request.POST and "_popup" not in request.POST:
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
            self.message_user(request, _("Now add the bookings of the registration."))
        return super().response_add(request, obj, post_url_continue)

    @admin.action(description=_("Cancel the selected registrations"), permissions=["change"])
    def cancel(self, request, queryset):
        count = 0
        for registration in queryset:
            if registration.status in Registration.ACTIVE:
                services.registration_cancel(registration=registration, by=request.user)
                count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)s registration cancelled: its places went to the waiting lists.",
                "%(count)s registrations cancelled: their places went to the waiting lists.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _booking_count=SubqueryCount(Booking.objects.filter(registration=OuterRef("pk")))
            )
        )

    @admin.display(description=_("e-mail"), ordering="contact__email")
    def contact_email(self, obj):
        return obj.person.email

    @admin.display(description=_("bookings"), ordering="_booking_count")
    def booking_count(self, obj):
        return obj._booking_count


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection (the registrant will read it)"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        max_length=2000,
    )


@admin.register(Booking)
class BookingAdmin(SafeSpreadsheetsMixin, ExportActionMixin, ExportMixin, HistoryAdmin):
    # A list of tens of thousands of rows (docs/PERFORMANCE.md): no count of the whole
    # table beside the filtered one, and pages of 50 rows.
    show_full_result_count = False
    list_per_page = 50
    resource_classes = [BookingExportResource]
    list_display = (
        "organisation",
        "table",
        "edition",
        "status",
        "proposal_kind",
        "country",
        "attended",
        "created_at",
    )
    # Edition and sector narrow down to a table; a filter listing every table of every
    # edition (hundreds) would cost more than the page.
    list_filter = (
        "status",
        "registration__edition",
        "organisation__country",
        "table__sector",
        "proposal_kind",
        "attended",
    )
    list_select_related = ("organisation", "table", "registration__edition")
    search_fields = (
        "organisation__name",
        "organisation__tax_id",
        "registration__contact__email",
        "description",
    )
    readonly_fields = (
        "registration",
        "table",
        "organisation",
        "status",
        "queued_at",
        "decided_at",
        "decided_by",
        "rejection_reason",
        # Marked through the action, for accepted bookings only.
        "attended",
        "created_at",
        "updated_at",
    )
    fields = (
        ("registration", "table", "organisation"),
        ("status", "queued_at", "decided_at", "decided_by"),
        "rejection_reason",
        "attended",
        "proposal_kind",
        "offers",
        "seeks",
        "description",
        ("created_at", "updated_at"),
    )
    actions = ["accept", "move_to_waiting", "reject", "mark_attended"]

    def has_add_permission(self, request):
        # Bookings come from registrations; staff change them through the actions.
        return False

    @admin.display(description=_("edition"), ordering="registration__edition")
    def edition(self, obj):
        return obj.registration.edition

    @admin.display(description=_("country"), ordering="organisation__country")
    def country(self, obj):
        return obj.organisation.get_country_display()

    def get_urls(self):
        return [
            path(
                "participants/<int:pk>/",
                self.admin_site.admin_view(self.participants_view),
                name="companies_booking_participants",
            ),
            *super().get_urls(),
        ]

    def participants_view(self, request, pk):
        """A printable list of a table's accepted participants (and its waiting list)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        table = get_object_or_404(SectoralTable.objects.select_related("edition", "sector"), pk=pk)
        bookings = (
            Booking.objects.filter(
                table=table, status__in=[Booking.Status.ACCEPTED, Booking.Status.WAITING]
            )
            .select_related("organisation", "registration__contact")
            .order_by("status", "organisation__name")
        )
        return render(
            request,
            "admin/companies/booking/participants.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Participants: %(table)s") % {"table": table},
                "table": table,
                "accepted": [b for b in bookings if b.status == Booking.Status.ACCEPTED],
                "waiting": [b for b in bookings if b.status == Booking.Status.WAITING],
                "opts": self.model._meta,
            },
        )

    def _apply(self, request, queryset, function, done_message, **kwargs):
        done, refused = 0, []
        for booking in queryset.select_related("organisation", "table"):
            try:
                function(booking=booking, **kwargs)
                done += 1
            except services.BookingError as error:
                refused.append(f"{booking}: {error}")
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.ERROR)

    @admin.action(
        description=_("Accept the selected bookings (within capacity)"), permissions=["change"]
    )
    def accept(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.booking_accept,
            _("%(count)s bookings accepted."),
            by=request.user,
        )

    @admin.action(
        description=_("Move the selected bookings to the waiting list"), permissions=["change"]
    )
    def move_to_waiting(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.booking_move_to_waiting,
            _("%(count)s bookings moved to the waiting list."),
            by=request.user,
        )

    @admin.action(
        description=_("Reject the selected bookings (with a reason)"), permissions=["change"]
    )
    def reject(self, request, queryset):
        form = RejectForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._apply(
                request,
                queryset,
                services.booking_reject,
                _("%(count)s bookings rejected."),
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
            return None
        return render(
            request,
            "admin/companies/booking/reject.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Reject bookings"),
                "bookings": queryset.select_related("organisation", "table"),
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=_("Mark the selected bookings as attended"), permissions=["change"])
    def mark_attended(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.booking_mark_attended,
            _("%(count)s bookings marked as attended."),
        )


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("to", "subject", "language", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status", "language")
    search_fields = ("to", "subject")
    readonly_fields = (
        "registration",
        "to",
        "language",
        "subject",
        "body_text",
        "body_html",
        "status",
        "attempts",
        "last_error",
        "sent_at",
        "created_at",
        "updated_at",
    )
    list_select_related = ("registration",)
    actions = ["resend"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send the selected e-mails again"), permissions=["change"])
    def resend(self, request, queryset):
        outcomes = [notification_send.call(pk) for pk in queryset.values_list("pk", flat=True)]
        self.message_user(
            request,
            _("%(sent)s sent, %(failed)s failed.")
            % {"sent": outcomes.count("sent"), "failed": outcomes.count("failed")},
        )
