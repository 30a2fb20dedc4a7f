"""Shared test support: the small hand-checked counties and the steps tests repeat, in one place.

Which builder to take:
- `page_network.build_page_network()` — network pages, coverage, the map: two towns, five 建制村 and a community,
  four agreements with known dates, one user per role (`DAY` = 2021-06-30, 60% served).
- `parcel_county.build_county()` — parcel services: hub, one node, a joint / proxy / postal village, one brand;
  `manifest_parcel(county)` and `to_village(county, parcel)` walk a parcel there through the services.
- `journey_county.build_county()` — pages and API together: the same three kinds of village, two brands with API
  keys, `county.hub_client()` … per role; `page_steps` drives the journey through the pages (`push`, `scan`,
  `load_run`, `to_town`, `to_station`).
- `route_county.build_county(towns, stations_per_town, …)` — routing: points on circles, a fleet, `need_two_village_runs`.
- `clients.logged_in(role, **assignment)` — a test client for a fresh user (the `login` fixture uses it).

Everything uses the made-up county 990101 so the bundled Yiyuan data does not disturb counts. The old paths
(`network/tests/page_network.py`, `web/tests/county.py`, `web/tests/steps.py`, `parcels/tests/factories.py`,
`routing/tests/factories.py`) re-export these for now; import from here in new tests. Nothing outside tests
imports this package (the layer contract's test rule, docs/architecture.md).
"""
