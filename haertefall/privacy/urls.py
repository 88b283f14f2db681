from django.urls import path

from haertefall.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("meine-daten.zip", views.export, name="export"),
    path("konto-loeschen/", views.delete_account, name="delete_account"),
]
