"""The ministry's back office: one admin site, its index grouped by the three areas."""

import copy

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm
from simple_history.admin import SimpleHistoryAdmin

# The order of the areas on the admin index; anything else (users, groups) comes after.
AREA_ORDER = ["tf_sessions", "companies", "agreements"]


class TaskForceAdminSite(admin.AdminSite):
    site_header = _("Task Force Portal – back office")
    site_title = _("Task Force Portal")
    index_title = _("Editions, organisations and agreements")

    # With TWO_FACTOR_REQUIRED the login asks for a one-time code, and only a session verified
    # with one may use the back office.
    @property
    def login_form(self):
        return OTPAdminAuthenticationForm if settings.TWO_FACTOR_REQUIRED else None

    @property
    def login_template(self):
        return "otp/admin111/login.html" if settings.TWO_FACTOR_REQUIRED else None

    def has_permission(self, request):
        allowed = super().has_permission(request)
        if allowed and settings.TWO_FACTOR_REQUIRED:
            return request.user.is_verified()
        return allowed

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        rank = {label: position for position, label in enumerate(AREA_ORDER)}
        return sorted(apps, key=lambda app: rank.get(app["app_label"], len(rank)))


def declare_third_party_action_permissions(site: admin.AdminSite) -> None:
    """Give the actions of third-party admins the permission they need.

    django-axes's "Clean up expired attempts" declares none, so anyone who could open the
    list of login attempts could run it; it deletes them, so it needs "delete".
    """
    from axes.admin import AccessAttemptAdmin
    from axes.models import AccessAttempt

    if not site.is_registered(AccessAttempt):
        return

    class PortalAccessAttemptAdmin(AccessAttemptAdmin):
        @admin.action(
            description=AccessAttemptAdmin.cleanup_expired_attempts.short_description,
            permissions=["delete"],
        )
        def cleanup_expired_attempts(self, request, queryset):
            return super().cleanup_expired_attempts(request, queryset)

    site.unregister(AccessAttempt)
    site.register(AccessAttempt, PortalAccessAttemptAdmin)


class HistoryAdmin(SimpleHistoryAdmin):
    """The history of a record ("History" on its page), as simple-history shows it, with
    two corrections.

    - A version's page saves a POST only from those who may change the record:
      simple-history saves it for anyone who may read the history (a viewer could revert).
    - The page prepopulates only the fields the form has (get_prepopulated_fields): with
      the class's prepopulated_fields, a record whose slug is read-only (a signed
      agreement, or any record for a viewer) failed with a server error.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        may_change = self.has_change_permission(request, obj)
        if request.method == "POST" and not may_change:
            raise PermissionDenied
        # A copy for this request: the admin instance is shared by every request.
        view = copy.copy(self)
        view.prepopulated_fields = self.get_prepopulated_fields(request, obj) if may_change else {}
        return SimpleHistoryAdmin.history_form_view(
            view, request, object_id, version_id, extra_context
        )
