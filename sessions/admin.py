from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from base.admin import HistoryAdmin

from .models import (
    AgendaItem,
    Edition,
    EditionCoChair,
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
        SectoralTableInline,
        AgendaItemInline,
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
        # The list is the registration desk's (companies.admin).
        url = reverse("admin:companies_booking_participants", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("printable list"))


@admin.register(AgendaItem)
class AgendaItemAdmin(TabbedTranslationAdmin):
    list_display = ("title", "edition", "kind", "date", "start_time", "end_time", "place")
    list_filter = ("kind", "edition")
    list_select_related = ("edition",)
    search_fields = ("title_it", "title_ru", "title_en", "edition__city_it")
    autocomplete_fields = ("edition",)
    date_hierarchy = "date"
