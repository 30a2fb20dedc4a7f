"""State-change signals, sent inside the service's transaction, so a receiver's rows (e.g. a webhook
delivery) commit or roll back with the event. Receivers that talk to the outside world must defer that with
`transaction.on_commit`. Parcels never imports `api`.

- `parcel_state_changed(sender=Parcel, parcel, event, old_state, new_state)`: one applied event that changed
  a parcel's state, sent by the page services (`apply_events`).
- `parcel_states_changed(sender=Parcel, changes)`: scan ingest's batch form, one call per batch; `changes`
  is a list of `StateChange`, in event order. Its parcels and events are light rows (`ScannedParcel`,
  `EventRow`: the same attribute names), not model instances.

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
