"""`insert_rows` stores what `bulk_create` stores: the same columns, ids set, `auto_now_add` filled."""

from __future__ import annotations

import datetime as dt

import pytest
from django.forms.models import model_to_dict

from jincun.core.bulk import insert_rows, share_related
from jincun.parcels.models import Consent, SmsMessage
from jincun.parcels.tests.factories import build_county, manifest_parcel

AT = dt.datetime(2025, 10, 14, 8, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_rows_are_stored_as_bulk_create_stores_them():
    county = build_county()
    rows = lambda: [  # noqa: E731
        Consent(recipient_phone=f"1380000000{n}", preference="station", village=county.joint_village,
                source="counter", given_at=AT + dt.timedelta(minutes=n))
        for n in range(3)
    ]  # fmt: skip
    ours, theirs = insert_rows(rows()), Consent.objects.bulk_create(rows())
    assert all(c.pk and not c._state.adding for c in ours)
    stored = {
        c.pk: model_to_dict(c, exclude=["id"]) for c in Consent.objects.filter(pk__in=[c.pk for c in ours])
    }
    expected = [model_to_dict(Consent.objects.get(pk=c.pk), exclude=["id"]) for c in theirs]
    assert [stored[c.pk] for c in ours] == expected


@pytest.mark.django_db
def test_the_foreign_key_and_auto_now_add_are_stored():
    county = build_county()
    parcel = manifest_parcel(county)
    sms = SmsMessage(parcel=parcel, phone="13800000000", template="collected", text="x")
    assert insert_rows([sms]) == [sms]
    stored = SmsMessage.objects.get(pk=sms.pk)
    assert stored.parcel_id == parcel.pk and stored.created_at is not None
    assert insert_rows([]) == []


@pytest.mark.django_db
def test_code_keys_dates_and_stamps_take_the_short_cut_and_store_as_django_does():
    """A foreign key to a code (the village), a date field and `auto_now_add` skip the field's own
    preparation; what is stored is what `bulk_create` stores, and the stamp is set on the object."""
    from jincun.agri.models import ProjectParcel

    county = build_county()
    consent = Consent(recipient_phone="13800000001", preference="station", village=county.joint_village,
                      source="counter", given_at=AT)  # fmt: skip
    insert_rows([consent])
    assert Consent.objects.get(pk=consent.pk).village_id == county.joint_village.code
    sms = SmsMessage(parcel=manifest_parcel(county), phone="13800000000", template="collected", text="x")
    insert_rows([sms])
    assert sms.created_at is not None and SmsMessage.objects.get(pk=sms.pk).created_at == sms.created_at
    date_fields = [f.name for f in ProjectParcel._meta.concrete_fields if type(f).__name__ == "DateField"]
    assert date_fields  # the short-cut's model still has its date


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_and_inside_the_ids_follow_the_table():
    """Outside a transaction the rows go as INSERT … RETURNING; inside one on SQLite as an executemany with
    the ids taken from the table's counter: either way each object holds the id of its own row."""
    from django.db import transaction

    county = build_county()
    parcel = manifest_parcel(county)
    make = lambda tag: [SmsMessage(parcel=parcel, phone=f"1380000{n:04d}", template=tag, text=f"{tag}{n}")  # noqa: E731
                        for n in range(7)]  # fmt: skip
    outside = insert_rows(make("a"))
    SmsMessage.objects.filter(pk=outside[-1].pk).delete()  # the counter, not max(id), gives the next id
    with transaction.atomic():
        inside = insert_rows(make("b"))
    assert inside[0].pk > outside[-1].pk
    for sms in outside[:-1] + inside:
        stored = SmsMessage.objects.get(pk=sms.pk)
        assert (stored.text, stored.phone, stored.parcel_id) == (sms.text, sms.phone, parcel.pk)
        assert not sms._state.adding


@pytest.mark.django_db
def test_shared_related_objects_are_one_instance_and_missing_ones_still_load(django_assert_num_queries):
    county = build_county()
    parcels = [manifest_parcel(county) for _ in range(3)]
    parcels = list(type(parcels[0]).objects.filter(pk__in=[p.pk for p in parcels]).order_by("pk"))
    village = parcels[0].village.__class__.objects.get(pk=parcels[0].village_id)
    share_related(parcels[:2], "village", {village.pk: village})
    with django_assert_num_queries(0):
        assert parcels[0].village is parcels[1].village is village
    with django_assert_num_queries(1):  # not among the shared objects: loaded as before
        assert parcels[2].village.pk == parcels[2].village_id
