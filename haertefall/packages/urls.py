"""Mounted by the project under /antraege/<uuid:case_id>/paket/ (namespace "packages").

Built packages are named by their UUID; pages by their number in the package.
"""

from django.urls import path

from haertefall.packages import views

app_name = "packages"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<uuid:package_id>/", views.result, name="result"),
    path("<uuid:package_id>/herunterladen/", views.download, name="download"),
    path("<uuid:package_id>/teil-<int:number>/", views.email_part, name="email_part"),
    path("<uuid:package_id>/seite-<int:number>/", views.page, name="page"),
    path("<uuid:package_id>/seite-<int:number>/vorschau.png", views.thumbnail, name="thumbnail"),
    path("<uuid:package_id>/seite-<int:number>/bild.png", views.page_image, name="page_image"),
]
