from django.urls import path

from haertefall.accounts import views

app_name = "accounts"

urlpatterns = [
    path("registrieren/", views.signup, name="signup"),
    path("anmelden/", views.login_view, name="login"),
    path("abmelden/", views.logout_view, name="logout"),
]
