"""Named actions of the parcel journey, one transaction each. Signatures are listed in ../SERVICES.md."""

from jincun.parcels.services.handovers import (
    ListLoad,
    check_in,
    check_in_many,
    close_handover,
    dispatch_many,
    finish_check_in,
    load_parcel,
    load_parcels,
    open_handover,
    reconcile,
)
from jincun.parcels.services.hub import (
    find_parcel,
    find_parcels,
    hub_scan_in,
    hub_scan_in_many,
    record_scan,
    sort_parcel,
    sort_parcels,
)
from jincun.parcels.services.ingest import ingest_scans
from jincun.parcels.services.manifests import RowOutcome, ingest_manifest, ingest_manifest_chunks
from jincun.parcels.services.notify import enqueue_sms, enqueue_sms_many, send_queued
from jincun.parcels.services.outbound import collect_outbound, collect_outbound_batches, collect_outbound_many
from jincun.parcels.services.outcomes import ScanOutcome
from jincun.parcels.services.places import BRAND_PREFIX
from jincun.parcels.services.problems import open_problem, report_problem, resolve_problem
from jincun.parcels.services.proxy import proxy_collect, proxy_sign_out, proxy_sign_out_many
from jincun.parcels.services.retention import run_retention
from jincun.parcels.services.routing import SortTarget, sort_target, sort_warnings
from jincun.parcels.services.station import (
    consent_and_shelve,
    consent_for,
    door_deliveries,
    record_consent,
    record_consents,
    shelve_batches,
    shelve_many,
    shelve_parcel,
    sign_off,
    sign_off_many,
    withdraw_consent,
)

__all__ = [
    "BRAND_PREFIX",
    "RowOutcome",
    "ScanOutcome",
    "SortTarget",
    "check_in",
    "check_in_many",
    "ListLoad",
    "close_handover",
    "dispatch_many",
    "collect_outbound",
    "collect_outbound_batches",
    "collect_outbound_many",
    "consent_and_shelve",
    "consent_for",
    "door_deliveries",
    "enqueue_sms",
    "enqueue_sms_many",
    "find_parcel",
    "find_parcels",
    "finish_check_in",
    "hub_scan_in",
    "hub_scan_in_many",
    "ingest_manifest",
    "ingest_manifest_chunks",
    "ingest_scans",
    "load_parcel",
    "load_parcels",
    "open_handover",
    "open_problem",
    "proxy_collect",
    "proxy_sign_out",
    "proxy_sign_out_many",
    "reconcile",
    "report_problem",
    "record_consent",
    "record_consents",
    "record_scan",
    "resolve_problem",
    "run_retention",
    "send_queued",
    "shelve_batches",
    "shelve_many",
    "shelve_parcel",
    "sign_off",
    "sign_off_many",
    "sort_parcel",
    "sort_parcels",
    "sort_target",
    "sort_warnings",
    "withdraw_consent",
]
