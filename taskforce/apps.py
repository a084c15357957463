from django.contrib.admin.apps import AdminConfig


class TaskForceAdminConfig(AdminConfig):
    default_site = "taskforce.admin.TaskForceAdminSite"
