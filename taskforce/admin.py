"""The ministry's back office: one admin site, its index grouped by the three areas."""

from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm

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
    # Here, not at the top: axes.admin registers itself on the site this module defines.
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
