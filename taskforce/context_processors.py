from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from base.caching import remember
from sessions.models import Edition
from sessions.querysets import RegistrationWindow

from .pagecache import registration_windows

# The main navigation: (URL name, label, URL names that make the entry current).
NAVIGATION = (
    ("sessions:edition_list", _("Editions"), {"edition_list", "edition_detail"}),
    ("companies:visit_list", _("Company visits"), {"visit_list"}),
    ("agreements:agreement_list", _("Agreements"), {"agreement_list", "agreement_detail"}),
    ("sessions:region_list", _("Regions"), {"region_list"}),
    ("pages:about", _("About"), {"about"}),
)


def language_links(request):
    """The current page in each language (switcher, hreflang) and its canonical URL."""
    current = get_language()
    path = request.path
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name_local": info["name_local"],
                # The switcher keeps the filters of a list; hreflang names the page itself.
                "url": translate_url(request.get_full_path(), code),
                "absolute_url": request.build_absolute_uri(translate_url(path, code)),
                "is_current": code == current,
            }
        )
    return {"language_links": links, "canonical_url": request.build_absolute_uri(path)}


def navigation(request):
    """The main menu; "Register" appears while an edition's registration window is open."""
    if request.path.startswith("/admin/"):
        return {}

    match = getattr(request, "resolver_match", None)
    current = match.url_name if match else None
    items = [
        {"url": reverse(name), "label": label, "is_active": current in names}
        for name, label, names in NAVIGATION
    ]
    now = timezone.now()
    open_edition = RegistrationWindow.open_at(registration_windows(now), now)
    if open_edition:
        items.append(
            {
                "url": reverse("companies:registration_create", kwargs={"slug": open_edition.slug}),
                "label": _("Register"),
                "is_active": current == "registration_create",
            }
        )
    return {
        "navigation": items,
        "open_edition": open_edition,
        "demo_data": remember("demo-data", Edition.objects.demo().exists),
    }
