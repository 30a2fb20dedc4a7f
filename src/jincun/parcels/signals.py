"""`parcel_state_changed(sender=Parcel, parcel, event, old_state, new_state)`.

Sent by the services for every applied event that changes a parcel's state, inside the service's
transaction, so a receiver's rows (e.g. a webhook delivery) commit or roll back with the event. Receivers
that talk to the outside world must defer that with `transaction.on_commit`. Parcels never imports `api`.
"""

from django.dispatch import Signal

parcel_state_changed = Signal()
