from django.contrib import admin
from django.urls import include, path

from haertefall import views

urlpatterns = [
    path("", views.home, name="home"),
    path("konto/meine-daten/", include("haertefall.privacy.urls")),
    path("konto/", include("haertefall.accounts.urls")),
    # The documents step is its own app; its URLs sit inside the case's URL like the steps.
    path("antraege/<uuid:case_id>/unterlagen/", include("haertefall.evidence.urls")),
    path("antraege/<uuid:case_id>/paket/", include("haertefall.packages.urls")),
    # Counselling and review: /beratung/… and the applicant's sharing pages under /antraege/.
    path("", include("haertefall.review.urls")),
    path("antraege/", include("haertefall.wizard.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# A participant of a case who lacks a right (haertefall.cases.access) sees a page that says so.
handler403 = "haertefall.review.views.errors.permission_denied"
