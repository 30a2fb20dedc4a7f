"""Routing actions: the fleet, planning a day, locking stops. Each write is one transaction."""
