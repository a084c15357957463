from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from base.admin import HistoryAdmin
from base.models import SubqueryCount

from . import reports, services
from .documents import pdf_validate
from .models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    AgreementRelation,
    AgreementSource,
    AgreementTransition,
    Outcome,
    WorkProgrammeAction,
)
from .views import document_response

# What stays editable once an agreement is signed: its status (through the lifecycle action),
# its visibility, evidence and follow-up.
LOCKED_WHEN_SIGNED = (
    "kind",
    "title",
    "title_it",
    "title_ru",
    "title_en",
    "slug",
    "edition",
    "sectoral_table",
    "company_visit",
    "date_signed",
    "date_precision",
    "date_text",
    "place",
    "place_it",
    "place_ru",
    "place_en",
)


class SignedLockMixin:
    """Inlines of a signed agreement are read-only."""

    def _locked(self, obj):
        return obj is not None and obj.is_signed

    def has_add_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)


class AgreementPartyInline(SignedLockMixin, TranslationTabularInline):
    model = AgreementParty
    extra = 0
    fields = ("organisation", "side", "signatory_name", "signatory_title", "order")
    autocomplete_fields = ("organisation",)


class DocumentForm(forms.ModelForm):
    class Meta:
        model = AgreementDocument
        fields = ("language", "file", "is_public")
        # No link to the stored file in the form: documents are fetched through the
        # permission-checked download view (the "download" column).
        widgets = {"file": forms.FileInput(attrs={"accept": "application/pdf"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.agreement.is_signed:
            for name in ("language", "file", "is_public"):
                self.fields[name].disabled = True

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            self.instance.pages = pdf_validate(upload)
            self.instance.size = upload.size
            self.instance.original_name = (upload.name or "")[:255]
        return upload


class AgreementDocumentInline(SignedLockMixin, admin.TabularInline):
    """Once signed, the stored documents stay as they are (their fields are disabled and
    they cannot be deleted); a missing language may still be added (the text of an old
    protocol found later)."""

    model = AgreementDocument
    form = DocumentForm
    extra = 0
    fields = ("language", "file", "is_public", "pages", "size", "download")
    readonly_fields = ("pages", "size", "download")

    def has_add_permission(self, request, obj=None):
        return admin.TabularInline.has_add_permission(self, request, obj)

    def has_change_permission(self, request, obj=None):
        # The form disables the stored rows of a signed agreement; the new rows stay open.
        return admin.TabularInline.has_change_permission(self, request, obj)

    @admin.display(description=_("download"))
    def download(self, obj):
        if not obj.pk:
            return "—"
        url = reverse("admin:agreements_agreementdocument_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("download"))


class AgreementSourceInline(admin.TabularInline):
    model = AgreementSource
    extra = 0
    fields = ("url", "publisher", "published_on", "supports")


class AgreementRelationInline(admin.TabularInline):
    model = AgreementRelation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ("target",)


class OutcomeInline(TranslationTabularInline):
    model = Outcome
    extra = 0
    fields = (
        "date",
        "kind",
        "amount",
        "currency",
        "jobs",
        "description",
        "evidence_url",
        "is_public",
    )


class WorkProgrammeActionInline(TranslationTabularInline):
    model = WorkProgrammeAction
    extra = 0
    fields = ("year", "title", "progress", "description")


class TransitionInline(admin.TabularInline):
    model = AgreementTransition
    extra = 0
    fields = ("date", "from_status", "to_status", "by", "note", "recorded_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), choices=Agreement.Status.choices)
    on = forms.DateField(label=_("Date"), initial=timezone.localdate)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


@admin.register(Agreement)
class AgreementAdmin(HistoryAdmin, TabbedTranslationAdmin):
    # A list of tens of thousands of rows (docs/PERFORMANCE.md): no count of the whole
    # table beside the filtered one, and pages of 50 rows.
    show_full_result_count = False
    list_per_page = 50
    list_display = (
        "title",
        "kind",
        "display_date",
        "edition",
        "status",
        "visibility",
        "evidence",
        "party_count",
        "document_count",
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
    autocomplete_fields = ("edition", "sectors", "sectoral_table", "company_visit")
    prepopulated_fields = {"slug": ("title_it",)}
    readonly_fields = ("status", "created_at", "updated_at")
    actions = ["change_status"]
    fieldsets = (
        (None, {"fields": ("kind", "title", "slug", "edition", "sectors", "summary")}),
        (_("Origin"), {"fields": ("sectoral_table", "company_visit")}),
        (
            _("Signature"),
            {"fields": (("date_signed", "date_precision"), "date_text", "place")},
        ),
        (_("Status"), {"fields": ("status", ("period_start", "period_end"))}),
        (_("Publication"), {"fields": ("visibility", "evidence")}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def get_inlines(self, request, obj):
        inlines = [
            AgreementPartyInline,
            AgreementDocumentInline,
            AgreementRelationInline,
            OutcomeInline,
            AgreementSourceInline,
            TransitionInline,
        ]
        if obj is not None and obj.kind == Agreement.Kind.WORK_PROGRAMME:
            inlines.insert(3, WorkProgrammeActionInline)
        return inlines

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_signed:
            fields += [name for name in LOCKED_WHEN_SIGNED if name not in fields]
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        return (
            {}
            if obj is not None and obj.is_signed
            else super().get_prepopulated_fields(request, obj)
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _party_count=SubqueryCount(AgreementParty.objects.filter(agreement=OuterRef("pk"))),
                _document_count=SubqueryCount(
                    AgreementDocument.objects.filter(agreement=OuterRef("pk"))
                ),
            )
        )

    @admin.display(description=_("date signed"), ordering="date_signed")
    def display_date(self, obj):
        return obj.display_date

    @admin.display(description=_("parties"), ordering="_party_count")
    def party_count(self, obj):
        return obj._party_count

    @admin.display(description=_("documents"), ordering="_document_count")
    def document_count(self, obj):
        return obj._document_count

    @admin.action(
        description=_("Change the status of the selected agreements"), permissions=["change"]
    )
    def change_status(self, request, queryset):
        form = TransitionForm(request.POST if "to" in request.POST else None)
        if form.is_bound and form.is_valid():
            for agreement in queryset:
                try:
                    services.agreement_transition(
                        agreement=agreement,
                        to=form.cleaned_data["to"],
                        by=request.user,
                        note=form.cleaned_data["note"],
                        on=form.cleaned_data["on"],
                    )
                except services.TransitionError as error:
                    self.message_user(request, f"{agreement}: {error}", messages.ERROR)
                else:
                    self.message_user(
                        request,
                        _("%(agreement)s is now “%(status)s”.")
                        % {
                            "agreement": agreement,
                            "status": Agreement.Status(form.cleaned_data["to"]).label,
                        },
                        messages.SUCCESS,
                    )
            return None
        return render(
            request,
            "admin/agreements/agreement/change_status.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Change the status"),
                "agreements": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def get_urls(self):
        return [
            path(
                "report/",
                self.admin_site.admin_view(self.report_view),
                name="agreements_agreement_report",
            ),
            *super().get_urls(),
        ]

    def report_view(self, request):
        """Agreements by kind and status, and their outcomes, per edition or year."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = reports.ReportFilterForm(request.GET or None)
        report = reports.agreement_report(
            **(form.cleaned_data if form.is_bound and form.is_valid() else {})
        )
        if request.GET.get("format") == "xlsx" and (not form.is_bound or form.is_valid()):
            return reports.report_xlsx_response(report)
        return render(
            request,
            "admin/agreements/agreement/report.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Agreements report"),
                "form": form,
                "report": report,
                "opts": self.model._meta,
            },
        )


@admin.register(AgreementDocument)
class AgreementDocumentAdmin(admin.ModelAdmin):
    list_display = ("agreement", "language", "is_public", "pages", "size", "created_at")
    list_filter = ("language", "is_public")
    list_select_related = ("agreement",)
    search_fields = ("agreement__title_it", "original_name")
    readonly_fields = (
        "agreement",
        "language",
        "download",
        "original_name",
        "size",
        "pages",
        "created_at",
        "updated_at",
    )
    fields = (*readonly_fields, "is_public")

    @admin.display(description=_("file"))
    def download(self, obj):
        url = reverse("admin:agreements_agreementdocument_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.download_name())

    def has_add_permission(self, request):
        return False  # documents are added on their agreement's page

    def get_urls(self):
        return [
            path(
                "<int:pk>/download/",
                self.admin_site.admin_view(self.download_view),
                name="agreements_agreementdocument_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        document = get_object_or_404(AgreementDocument.objects.select_related("agreement"), pk=pk)
        try:
            return document_response(document)
        except FileNotFoundError:
            raise Http404 from None


@admin.register(Outcome)
class OutcomeAdmin(TabbedTranslationAdmin):
    list_display = ("agreement", "date", "kind", "amount", "currency", "jobs", "is_public")
    list_filter = ("kind", "currency", "is_public", "agreement__edition")
    list_select_related = ("agreement",)
    search_fields = ("agreement__title_it", "description_it")
    autocomplete_fields = ("agreement",)
    date_hierarchy = "date"


@admin.register(WorkProgrammeAction)
class WorkProgrammeActionAdmin(TabbedTranslationAdmin):
    list_display = ("title", "agreement", "year", "progress")
    list_filter = ("progress", "year", "agreement")
    list_select_related = ("agreement",)
    search_fields = ("title_it", "title_ru", "title_en")
    autocomplete_fields = ("agreement",)
