"""State-change signals, sent inside the service's transaction, so a receiver's rows (e.g. a webhook
delivery) commit or roll back with the event. Receivers that talk to the outside world must defer that with
`transaction.on_commit`. Parcels never imports `api`.

- `parcel_state_changed(sender=Parcel, parcel, event, old_state, new_state)`: one applied event that changed
  a parcel's state (the single form; the services send the batch form now).
- `parcel_states_changed(sender=Parcel, changes)`: the batch form, one call per batch of scan ingest and of
  the services (`apply_events`); `changes` is a list of `StateChange`, in event order. Its events are
  `EventRow`s; its parcels light rows (`ScannedParcel`, ingest) or `Parcel` instances (the services), with
  the same attribute names.

A receiver that must see every change connects to both (the api's webhook outbox does).
"""

from typing import Any, NamedTuple

from django.dispatch import Signal

parcel_state_changed = Signal()
parcel_states_changed = Signal()


class StateChange(NamedTuple):
    parcel: Any
    event: Any
    old_state: str
    new_state: str
