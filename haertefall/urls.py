from django.contrib import admin
from django.urls import include, path

from haertefall import views

urlpatterns = [
    path("", views.home, name="home"),
    path("konto/", include("haertefall.accounts.urls")),
    # The documents step is its own app; its URLs sit inside the case's URL like the steps.
    path("antraege/<uuid:case_id>/unterlagen/", include("haertefall.evidence.urls")),
    path("antraege/", include("haertefall.wizard.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
