from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "haertefall.evidence"
    label = "evidence"
    verbose_name = "Evidence"
