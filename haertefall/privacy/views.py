from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.privacy.forms import DeleteAccountForm
from haertefall.privacy.services import build_export, do_delete_account


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    case_count = Case.objects.filter(owner=_user(request)).count()
    return render(request, "privacy/overview.html", {"case_count": case_count})


@login_required
@require_GET
def export(request: HttpRequest) -> FileResponse:
    # Only ever the logged-in person's own data: the URL names nobody, so there is nothing
    # another person could put into it.
    archive = build_export(_user(request))
    filename = f"meine-daten-{timezone.localdate():%Y-%m-%d}.zip"
    response = FileResponse(archive, as_attachment=True, filename=filename)
    response["Content-Type"] = "application/zip"
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = DeleteAccountForm(request, user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        do_delete_account(user)
        logout(request)
        messages.success(request, _("Your account, your applications and your files are deleted."))
        return redirect("home")
    case_count = Case.objects.filter(owner=user).count()
    return render(request, "privacy/delete.html", {"form": form, "case_count": case_count})
