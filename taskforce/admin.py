"""The ministry's back office: one admin site, its index grouped by the three areas."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# The order of the areas on the admin index; anything else (users, groups) comes after.
AREA_ORDER = ["tf_sessions", "companies", "agreements"]


class TaskForceAdminSite(admin.AdminSite):
    site_header = _("Task Force Portal – back office")
    site_title = _("Task Force Portal")
    index_title = _("Editions, organisations and agreements")

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        rank = {label: position for position, label in enumerate(AREA_ORDER)}
        return sorted(apps, key=lambda app: rank.get(app["app_label"], len(rank)))
