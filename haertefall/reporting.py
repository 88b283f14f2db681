from typing import Any

from django.http import HttpRequest, QueryDict
from django.views.debug import SafeExceptionReporterFilter


class NoRequestDataFilter(SafeExceptionReporterFilter):
    """Error reports name the fields a request had, never their values.

    Form fields here hold life stories, health and criminal records; a crash report that
    repeats them would put them in front of whoever reads the logs or the debug page.
    """

    def get_post_parameters(self, request: HttpRequest | None) -> dict[str, Any]:
        if request is None:
            return {}
        post: QueryDict = request.POST
        return dict.fromkeys(post.keys(), self.cleansed_substitute)
