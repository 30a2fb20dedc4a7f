"""Pages of the api app, mounted at /api/ (the JSON API itself is /api/v1/, see `jincun.urls`)."""

from django.urls import path

from jincun.api import views

urlpatterns = [
    path("webhooks/", views.delivery_log, name="webhook_log"),
    path("webhooks/<int:pk>/resend/", views.delivery_resend, name="webhook_resend"),
]
