import copy
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_filters.views import FilterView

from sessions.models import Edition, SectoralTable

from . import services
from .filters import CompanyVisitFilter
from .forms import ProposalForm, RegistrationForm
from .models import Booking, CompanyVisit, Registration
from .tokens import registration_from_token, registration_token


class CompanyVisitListView(FilterView):
    filterset_class = CompanyVisitFilter
    template_name = "companies/visit_list.html"
    context_object_name = "visits"
    paginate_by = 30

    def get_queryset(self):
        return CompanyVisit.objects.published().for_list()


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def _rate_limited(request) -> bool:
    """At most REGISTRATION_RATE_LIMIT registration posts per IP address and hour."""
    key = f"registration-posts:{_client_ip(request)}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > settings.REGISTRATION_RATE_LIMIT


@require_http_methods(["GET", "POST"])
def registration_create(request, slug):
    edition = get_object_or_404(
        Edition.objects.published().prefetch_related(
            Prefetch("tables", queryset=SectoralTable.objects.select_related("sector"))
        ),
        slug=slug,
    )
    state = edition.registration_state(timezone.now())
    if state != "open":
        return render(
            request, "companies/registration_closed.html", {"edition": edition, "state": state}
        )
    if request.method == "POST":
        if _rate_limited(request):
            return render(
                request, "companies/registration_limited.html", {"edition": edition}, status=429
            )
        form = RegistrationForm(request.POST, edition=edition)
        if form.is_spam or _already_submitted(request.POST.get("submission_key")):
            # A bot, or the same form sent again (double click, back button): nothing new.
            return redirect("companies:registration_sent", slug=edition.slug)
        if form.is_valid():
            try:
                services.registration_submit(
                    edition=edition,
                    data=form.registration_data(),
                    submission_key=form.cleaned_data["submission_key"],
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return redirect("companies:registration_sent", slug=edition.slug)
    else:
        form = RegistrationForm(edition=edition, initial={"language": request.LANGUAGE_CODE})
    return render(
        request,
        "companies/registration_form.html",
        {
            "edition": edition,
            "form": form,
            "table_rows": [
                (table, form.proposal_fields(table.pk)) for table in form.table_objects.values()
            ],
        },
    )


def _already_submitted(key) -> bool:
    try:
        key = uuid.UUID(str(key))
    except ValueError:
        return False
    return Registration.objects.filter(submission_key=key).exists()


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def registration_sent(request, slug):
    edition = get_object_or_404(Edition.objects.published(), slug=slug)
    return render(
        request,
        "companies/registration_sent.html",
        {"edition": edition, "confirm_days": settings.REGISTRATION_CONFIRM_DAYS},
    )


def _invalid_link(request):
    return render(request, "companies/registration_link_invalid.html", status=400)


@require_http_methods(["GET", "POST"])
def registration_confirm(request, token):
    """Confirm the e-mail address. GET only asks: mail scanners follow links, people click."""
    registration = registration_from_token(token, "confirm")
    if registration is None or registration.status not in Registration.ACTIVE:
        return _invalid_link(request)
    if request.method == "POST":
        registration = services.registration_confirm(registration=registration)
        if registration.status != Registration.Status.CONFIRMED:
            # Someone else registered the organisation for the edition meanwhile.
            return render(
                request, "companies/registration_taken.html", {"registration": registration}
            )
        return redirect(
            "companies:registration_manage", token=registration_token(registration, "manage")
        )
    return render(request, "companies/registration_confirm.html", {"registration": registration})


@require_http_methods(["GET", "POST"])
def registration_manage(request, token):
    registration = registration_from_token(token, "manage")
    if registration is None:
        return _invalid_link(request)
    window_open = registration.edition.registration_state(timezone.now()) == "open"
    bookings = list(
        registration.bookings.select_related("table", "table__sector").order_by("table__title")
    )
    forms = {}
    error = None
    if request.method == "POST":
        action = request.POST.get("action")
        booking = next((b for b in bookings if str(b.pk) == request.POST.get("booking")), None)
        try:
            if action == "cancel_registration":
                services.registration_cancel(registration=registration)
                return redirect(request.path)
            elif action == "cancel_booking" and booking:
                services.booking_cancel(booking=booking)
                return redirect(request.path)
            elif action == "update_proposal" and booking:
                # A copy: validating a ModelForm writes into its instance, and the page must
                # keep showing the stored proposal if the change is refused.
                form = ProposalForm(
                    request.POST, instance=copy.copy(booking), prefix=f"b{booking.pk}"
                )
                if form.is_valid():
                    services.booking_update_proposal(booking=booking, **form.cleaned_data)
                    return redirect(request.path)
                forms[booking.pk] = form
            else:
                error = _("This action is not available.")
        except services.BookingError as exc:
            error = str(exc)
    waiting_positions = Booking.objects.waiting_positions(bookings)
    rows = []
    for booking in bookings:
        if booking.pk not in forms and window_open and booking.is_active:
            forms[booking.pk] = ProposalForm(instance=booking, prefix=f"b{booking.pk}")
        rows.append(
            {
                "booking": booking,
                "position": waiting_positions.get(booking.pk),
                "form": forms.get(booking.pk),
            }
        )
    return render(
        request,
        "companies/registration_manage.html",
        {
            "registration": registration,
            "rows": rows,
            "window_open": window_open,
            "error": error,
        },
    )
