from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from taskforce.admin import HistoryAdmin

from .models import (
    AgendaItem,
    CompanyVisit,
    Edition,
    EditionCoChair,
    EditionOrganiser,
    EditionSource,
    Region,
    Sector,
    SectoralTable,
)

AUDIT_FIELDS = ("created_at", "updated_at")


@admin.register(Region)
class RegionAdmin(TabbedTranslationAdmin):
    list_display = ("code", "name", "country", "kind", "edition_count")
    list_filter = ("country", "kind")
    search_fields = ("code", "name_it", "name_ru", "name_en")
    readonly_fields = AUDIT_FIELDS
    ordering = ("country", "code")

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(_edition_count=Count("editions", distinct=True))
        )

    @admin.display(description=_("editions hosted"), ordering="_edition_count")
    def edition_count(self, obj):
        return obj._edition_count


@admin.register(Sector)
class SectorAdmin(TabbedTranslationAdmin):
    list_display = ("name", "slug", "order", "table_count")
    list_editable = ("order",)
    search_fields = ("slug", "name_it", "name_ru", "name_en")
    prepopulated_fields = {"slug": ("name_en",)}
    readonly_fields = AUDIT_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_table_count=Count("tables", distinct=True))

    @admin.display(description=_("sectoral tables"), ordering="_table_count")
    def table_count(self, obj):
        return obj._table_count


class EditionCoChairInline(TranslationTabularInline):
    model = EditionCoChair
    extra = 0
    fields = ("side", "name", "role", "order")


class EditionOrganiserInline(TranslationTabularInline):
    model = EditionOrganiser
    extra = 0
    autocomplete_fields = ("organisation",)


class EditionSourceInline(admin.TabularInline):
    model = EditionSource
    extra = 0
    fields = ("url", "publisher", "published_on", "supports")


class SectoralTableInline(TranslationTabularInline):
    model = SectoralTable
    extra = 0
    fields = ("sector", "title", "capacity", "occupancy", "place", "starts_at", "ends_at")
    readonly_fields = ("occupancy",)
    autocomplete_fields = ("sector",)
    show_change_link = True

    @admin.display(description=_("accepted / capacity"))
    def occupancy(self, obj):
        return occupancy_label(obj)


def occupancy_label(table) -> str:
    if table.pk is None:
        return "—"
    if table.capacity is None:
        return _("%(accepted)s accepted, no limit") % {"accepted": table.accepted_count}
    return _("%(accepted)s of %(capacity)s accepted, %(left)s left") % {
        "accepted": table.accepted_count,
        "capacity": table.capacity,
        "left": table.places_left,
    }


class AgendaItemInline(TranslationTabularInline):
    model = AgendaItem
    extra = 0
    fields = ("kind", "title", "date", "start_time", "end_time", "place")


class CompanyVisitInline(TranslationTabularInline):
    model = CompanyVisit
    extra = 0
    fields = ("host", "district", "sector", "date", "place")
    autocomplete_fields = ("host", "district", "sector")
    show_change_link = True


@admin.register(Edition)
class EditionAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = (
        "__str__",
        "number",
        "display_date",
        "country",
        "region",
        "status",
        "evidence",
        "is_published",
        "table_count",
        "visit_count",
    )
    list_display_links = ("__str__",)
    list_filter = ("status", "country", "evidence", "date_precision", "is_published", "sectors")
    list_select_related = ("region",)
    search_fields = (
        "slug",
        "city_it",
        "city_ru",
        "city_en",
        "venue_it",
        "summary_it",
        "region__name_it",
        "region__name_ru",
        "region__code",
    )
    date_hierarchy = "start_date"
    autocomplete_fields = ("region", "sectors")
    prepopulated_fields = {"slug": ("city_it",)}
    readonly_fields = AUDIT_FIELDS
    inlines = (
        EditionCoChairInline,
        EditionOrganiserInline,
        SectoralTableInline,
        AgendaItemInline,
        CompanyVisitInline,
        EditionSourceInline,
    )
    fieldsets = (
        (None, {"fields": ("number", "slug", "status", "is_published", "sectors")}),
        (
            _("When"),
            {
                "fields": (
                    ("start_date", "end_date"),
                    ("date_precision", "date_inferred"),
                    "date_text",
                )
            },
        ),
        (_("Where"), {"fields": ("country", "region", "city", "venue")}),
        (_("Content"), {"fields": ("summary", "notes", "evidence")}),
        (
            _("Registration"),
            {
                "fields": (
                    ("registration_opens_at", "registration_closes_at"),
                    "booking_mode",
                    "participants_public",
                )
            },
        ),
        (_("Record"), {"fields": AUDIT_FIELDS, "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("date"), ordering="start_date")
    def display_date(self, obj):
        return obj.display_date

    @admin.display(description=_("tables"), ordering="table_count")
    def table_count(self, obj):
        return obj.table_count

    @admin.display(description=_("visits"), ordering="visit_count")
    def visit_count(self, obj):
        return obj.visit_count


@admin.register(SectoralTable)
class SectoralTableAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ("title", "edition", "sector", "occupancy", "participants_link", "place")
    list_filter = ("sector", "edition__country", "edition")
    list_select_related = ("edition", "sector")
    search_fields = ("title_it", "title_ru", "title_en", "edition__city_it", "sector__name_it")
    autocomplete_fields = ("edition", "sector")
    readonly_fields = ("accepted_count", *AUDIT_FIELDS)

    @admin.display(description=_("accepted / capacity"), ordering="accepted_count")
    def occupancy(self, obj):
        return occupancy_label(obj)

    @admin.display(description=_("participants"))
    def participants_link(self, obj):
        url = reverse("admin:tf_sessions_sectoraltable_participants", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("printable list"))

    def get_urls(self):
        return [
            path(
                "<int:pk>/participants/",
                self.admin_site.admin_view(self.participants_view),
                name="tf_sessions_sectoraltable_participants",
            ),
            *super().get_urls(),
        ]

    def participants_view(self, request, pk):
        """A printable list of a table's accepted participants (and its waiting list)."""
        from companies.models import Booking

        if not self.has_view_permission(request):
            raise PermissionDenied
        table = get_object_or_404(SectoralTable.objects.select_related("edition", "sector"), pk=pk)
        bookings = (
            Booking.objects.filter(table=table, status__in=["accepted", "waiting"])
            .select_related("organisation", "registration__contact")
            .order_by("status", "organisation__name")
        )
        return render(
            request,
            "admin/tf_sessions/sectoraltable/participants.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Participants: %(table)s") % {"table": table},
                "table": table,
                "accepted": [b for b in bookings if b.status == "accepted"],
                "waiting": [b for b in bookings if b.status == "waiting"],
                "opts": self.model._meta,
            },
        )


@admin.register(AgendaItem)
class AgendaItemAdmin(TabbedTranslationAdmin):
    list_display = ("title", "edition", "kind", "date", "start_time", "end_time", "place")
    list_filter = ("kind", "edition")
    list_select_related = ("edition",)
    search_fields = ("title_it", "title_ru", "title_en", "edition__city_it")
    autocomplete_fields = ("edition",)
    date_hierarchy = "date"


@admin.register(CompanyVisit)
class CompanyVisitAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ("host", "edition", "district", "sector", "date", "place")
    list_filter = ("sector", "edition__country", "edition")
    list_select_related = ("host", "edition", "district", "sector")
    search_fields = ("host__name", "district__name_it", "place_it", "description_it")
    autocomplete_fields = ("edition", "host", "district", "sector")
    date_hierarchy = "date"
    readonly_fields = AUDIT_FIELDS
