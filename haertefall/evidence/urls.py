"""Mounted by the project under /antraege/<uuid:case_id>/unterlagen/ (namespace "evidence").

Documents are named by an opaque key (never their id, which an import may have made from a
name), files by their UUID.
"""

from django.urls import path

from haertefall.evidence import views

app_name = "evidence"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("hochladen/", views.upload, name="upload"),
    path("<slug:key>/aendern/", views.edit, name="edit"),
    path("<slug:key>/entfernen/", views.remove, name="remove"),
    path("<uuid:file_id>/datei/", views.download, name="download"),
    path("<uuid:file_id>/vorschau.png", views.thumbnail, name="thumbnail"),
    path("<uuid:file_id>/verwerfen/", views.discard, name="discard"),
]
