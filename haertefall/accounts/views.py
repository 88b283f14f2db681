from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from haertefall.accounts.forms import LoginForm, SignupForm, lockout_message
from haertefall.accounts.redirects import local_next


def _next_url(request: HttpRequest) -> str:
    """Where to go after logging in: the page that asked for it, if it is one of ours."""
    return local_next(request, reverse("wizard:case_list"))


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("wizard:case_list")
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your account has been created."))
        return redirect(_next_url(request))
    return render(request, "accounts/signup.html", {"form": form, "next": _next_url(request)})


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and form.user is not None:
        login(request, form.user)
        return redirect(_next_url(request))
    # Sent here from one of the pages: most often a session that ran out during a pause.
    interrupted = bool(request.GET.get("next") or request.POST.get("next"))
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": _next_url(request), "interrupted": interrupted},
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: object = None
) -> HttpResponse:
    """django-axes calls this once a log-in is locked. The login view has already rendered the
    page with the lock-out message (LoginForm asks django-axes); it only gets the right status."""
    if original_response is None:
        # Only when a log-in outside the login view was locked (e.g. the admin site).
        form = LoginForm(request)
        form.add_error(None, lockout_message())
        original_response = render(
            request, "accounts/login.html", {"form": form, "next": _next_url(request)}
        )
    original_response.status_code = 429
    return original_response


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You have been logged out. Your answers are saved."))
    return redirect("home")
