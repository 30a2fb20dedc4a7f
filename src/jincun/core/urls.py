from django.urls import path

from jincun.core import health_views

urlpatterns = [
    path("jobs/", health_views.jobs, name="jobs"),
]
