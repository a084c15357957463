"""Project-wide public pages: the static texts, robots.txt and the health check."""

from django.http import Http404, HttpResponse
from django.template.loader import select_template
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

# slug → page title; each page's text is in templates/pages/<slug>.<language>.html.
PAGES = {
    "about": _("About the Task Force"),
    "privacy": _("Privacy notice"),
    "accessibility": _("Accessibility statement"),
    "legal": _("Legal notes"),
}


class StaticPageView(TemplateView):
    """A text page written once per language; Italian when a translation is missing."""

    template_name = "pages/page.html"
    page = ""

    def get_context_data(self, **kwargs):
        if self.page not in PAGES:
            raise Http404
        language = get_language()
        body = select_template([f"pages/{self.page}.{language}.html", f"pages/{self.page}.it.html"])
        return super().get_context_data(
            page=self.page,
            title=PAGES[self.page],
            body_template=body.template.name,
            body_language=body.template.name.rsplit(".", 2)[-2],
            **kwargs,
        )


@never_cache
def healthz(request):
    """The framework's floor: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
