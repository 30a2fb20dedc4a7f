"""Factories for API tokens and webhooks."""

import factory

from jincun.api.models import WebhookEndpoint
from jincun.network.tests.factories import BrandFactory


class WebhookEndpointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebhookEndpoint

    brand = factory.SubFactory(BrandFactory)
    url = "http://127.0.0.1:9/hook"
