from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Contact, District, Organisation

AUDIT_FIELDS = ("created_at", "updated_at")


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
class OrganisationAdmin(TabbedTranslationAdmin):
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
class ContactAdmin(admin.ModelAdmin):
    list_display = ("__str__", "organisation", "role", "email", "phone", "preferred_language")
    list_filter = ("preferred_language", "organisation__country")
    list_select_related = ("organisation",)
    search_fields = ("first_name", "last_name", "email", "organisation__name")
    autocomplete_fields = ("organisation",)
    readonly_fields = AUDIT_FIELDS
