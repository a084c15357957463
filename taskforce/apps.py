from django.contrib.admin.apps import AdminConfig
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import m2m_changed, post_delete, post_save

from base.caching import content_changed


class TaskForceAdminConfig(AdminConfig):
    default_site = "taskforce.admin.TaskForceAdminSite"

    def ready(self):
        super().ready()  # discovers every app's admin
        from .admin import declare_third_party_action_permissions

        declare_third_party_action_permissions(self.module.site)
        user_logged_out.connect(end_other_sessions, dispatch_uid="end_other_sessions")

        # Any change of the portal's content replaces everything cached (base.caching).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"content-changed-{id(signal)}")


def end_other_sessions(sender, request, user, **kwargs):
    """Logging out ends every session of that user, on every device.

    (A password change already does: Django ties sessions to the password hash.) Only staff
    have stored sessions here, so the scan stays small.
    """
    if user is None:
        return
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    user_id = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == user_id:
            session.delete()
