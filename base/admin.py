"""Admin pieces every app's back office uses."""

import copy

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


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
