from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PackagesConfig(AppConfig):
    name = "haertefall.packages"
    label = "packages"
    verbose_name = _("Packages")
    default_auto_field = "django.db.models.BigAutoField"
