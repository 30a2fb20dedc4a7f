"""Named actions of the parcel journey, one transaction each. Signatures are listed in ../SERVICES.md."""

from jincun.parcels.services.handovers import (
    check_in,
    close_handover,
    finish_check_in,
    load_parcel,
    open_handover,
    reconcile,
)
from jincun.parcels.services.hub import find_parcel, hub_scan_in, record_scan, sort_parcel
from jincun.parcels.services.manifests import RowOutcome, ingest_manifest, ingest_manifest_chunks
from jincun.parcels.services.notify import enqueue_sms, send_queued
from jincun.parcels.services.outbound import collect_outbound
from jincun.parcels.services.outcomes import ScanOutcome
from jincun.parcels.services.places import BRAND_PREFIX
from jincun.parcels.services.problems import open_problem, resolve_problem
from jincun.parcels.services.proxy import proxy_collect, proxy_sign_out
from jincun.parcels.services.retention import run_retention
from jincun.parcels.services.routing import SortTarget, sort_target, sort_warnings
from jincun.parcels.services.scans import ingest_scans
from jincun.parcels.services.station import (
    consent_for,
    door_deliveries,
    record_consent,
    shelve_parcel,
    sign_off,
    withdraw_consent,
)

__all__ = [
    "BRAND_PREFIX",
    "RowOutcome",
    "ScanOutcome",
    "SortTarget",
    "check_in",
    "close_handover",
    "collect_outbound",
    "consent_for",
    "door_deliveries",
    "enqueue_sms",
    "find_parcel",
    "finish_check_in",
    "hub_scan_in",
    "ingest_manifest",
    "ingest_manifest_chunks",
    "ingest_scans",
    "load_parcel",
    "open_handover",
    "open_problem",
    "proxy_collect",
    "proxy_sign_out",
    "reconcile",
    "record_consent",
    "record_scan",
    "resolve_problem",
    "run_retention",
    "send_queued",
    "shelve_parcel",
    "sign_off",
    "sort_parcel",
    "sort_target",
    "sort_warnings",
    "withdraw_consent",
]
