from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from .models import Agreement, AgreementParty, AgreementSource


class AgreementPartyInline(TranslationTabularInline):
    model = AgreementParty
    extra = 0
    fields = ("organisation", "side", "signatory_name", "signatory_title", "order")
    autocomplete_fields = ("organisation",)


class AgreementSourceInline(admin.TabularInline):
    model = AgreementSource
    extra = 0
    fields = ("url", "publisher", "published_on", "supports")


@admin.register(Agreement)
class AgreementAdmin(TabbedTranslationAdmin):
    list_display = (
        "title",
        "kind",
        "display_date",
        "edition",
        "status",
        "visibility",
        "evidence",
        "party_count",
    )
    list_filter = ("kind", "status", "visibility", "evidence", "sectors", "edition__country")
    list_select_related = ("edition",)
    search_fields = (
        "slug",
        "title_it",
        "title_ru",
        "title_en",
        "parties__organisation__name",
        "parties__signatory_name",
    )
    date_hierarchy = "date_signed"
    autocomplete_fields = ("edition", "sectors")
    prepopulated_fields = {"slug": ("title_it",)}
    readonly_fields = ("created_at", "updated_at")
    inlines = (AgreementPartyInline, AgreementSourceInline)
    fieldsets = (
        (None, {"fields": ("kind", "title", "slug", "edition", "sectors", "summary")}),
        (
            _("Signature"),
            {"fields": (("date_signed", "date_precision"), "date_text", "place")},
        ),
        (_("Status"), {"fields": ("status", ("period_start", "period_end"))}),
        (_("Publication"), {"fields": ("visibility", "evidence")}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_party_count=Count("parties", distinct=True))

    @admin.display(description=_("date signed"), ordering="date_signed")
    def display_date(self, obj):
        return obj.display_date

    @admin.display(description=_("parties"), ordering="_party_count")
    def party_count(self, obj):
        return obj._party_count
