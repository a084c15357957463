from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

# The main navigation: (URL name, label, URL names that make the entry current).
NAVIGATION = (
    ("sessions:edition_list", _("Editions"), {"edition_list", "edition_detail"}),
    ("sessions:visit_list", _("Company visits"), {"visit_list"}),
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
    match = getattr(request, "resolver_match", None)
    current = match.url_name if match else None
    return {
        "navigation": [
            {"url": reverse(name), "label": label, "is_active": current in names}
            for name, label, names in NAVIGATION
        ]
    }
