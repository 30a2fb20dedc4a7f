"""Signals the simulator sends, for apps above it to answer.

`demo_built` is sent by `jincun demo` once the demo network exists (kwargs: `county`, the county `AdminArea`).
A receiver may return `{label: secret}` to print once — the api app answers with one API token per brand.
The demo lives here, below the interface apps; a signal lets them add their part without the simulator
naming them (the import graph keeps pointing down, and the demo still runs without the api app).
"""

from django.dispatch import Signal

demo_built = Signal()
