from django.urls import path

from haertefall.wizard import views

app_name = "wizard"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("neu/", views.case_new, name="case_new"),
    path("<uuid:case_id>/", views.case_resume, name="resume"),
    path("<uuid:case_id>/schritt/<slug:step>/", views.step_view, name="step"),
    path("<uuid:case_id>/pruefen/", views.check_view, name="check"),
    path("<uuid:case_id>/bewertung/", views.assessment, name="assessment"),
]
