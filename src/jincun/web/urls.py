from django.urls import path

from jincun.web.views import lookup, webhook_log

urlpatterns = [
    path("lookup/", lookup.lookup, name="lookup"),
    path("webhooks/", webhook_log.delivery_log, name="webhook_log"),
    path("webhooks/<int:pk>/resend/", webhook_log.delivery_resend, name="webhook_resend"),
]
