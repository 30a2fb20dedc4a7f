"""Where the simulator's volumes and rates come from (also in docs/simulation.md).

`scale` 1.0 is a county at the anchor figures; the default (`DEFAULT_SCALE`) is a small slice of that so a
month simulates in well under a minute on SQLite. Figures marked ASSUMPTION are ours, not sourced.
"""

# anchors.md §4, 江陵县: ~10,000 parcels/day delivered into villages (1 hub, 10 town stations, 96 village
# points). Used as a whole county's inbound volume at scale 1.0.
INBOUND_PER_DAY = 10_000

# Policy 金牌/银牌 projects (docs/architecture.md glossary; policy figures): gold 10M parcels/yr (apples: Yuncheng
# apples passed 10M in 2018), silver 5M (used for cherries). Season windows from the issue: apple Oct–Nov,
# cherry May–June. ASSUMPTION: 80% of a project's volume ships in its season, and 10% of it is collected
# at village stations (the rest leaves from packing houses and e-commerce warehouses straight to brands).
APPLE_PER_YEAR, CHERRY_PER_YEAR = 10_000_000, 5_000_000
IN_SEASON_SHARE, VIA_STATIONS = 0.8, 0.10
APPLE_MONTHS, CHERRY_MONTHS = (10, 11), (5, 6)
SEASON_DAYS = 61
# ASSUMPTION: outside the seasons, farm and village sending is 5% of inbound volume.
OUTBOUND_BASE_SHARE = 0.05

DEFAULT_SCALE = 0.003
DEMO_SCALE = DEFAULT_SCALE * 10  # `jincun demo`: its history, its projects' targets and its brand reports

# ASSUMPTION: brand shares of rural inbound volume, rounded from public national market shares.
BRAND_WEIGHTS = {
    "ZTO": 22, "YTO": 16, "YUNDA": 15, "STO": 12, "JT": 12, "POST": 9, "SF": 5, "JD": 5, "EMS": 3, "DBL": 1,
}  # fmt: skip

# Problem rates per parcel — ASSUMPTION (small, "realistic" orders of magnitude; no public source).
RATES = {
    "damaged": 0.001,  # found damaged at the hub
    "missing": 0.002,  # not on the truck when checked in at the town
    "refused": 0.003,  # recipient refuses at the station
    "never_picked": 0.01,  # left at the station until return
    "prohibited": 0.005,  # outbound inspection finds prohibited contents
    "id_mismatch": 0.003,  # ID name does not match the sender
}
# ASSUMPTION: share of recipients with standing station consent (the rest get door delivery).
CONSENT_SHARE = 0.9
# ASSUMPTION: chance a waiting villager collects on a given day (mean wait ~1.5 days).
PICKUP_PER_DAY = 0.6
PHONES_PER_VILLAGE = 40
# ASSUMPTION: share of the next day's parcels the brands have manifested by the morning before.
EARLY_MANIFEST_SHARE = 0.4


def outbound_per_day(month: int, scale: float) -> float:
    """Expected outbound parcels collected at village stations on a day of `month`."""
    base = INBOUND_PER_DAY * OUTBOUND_BASE_SHARE
    if month in APPLE_MONTHS:
        base += APPLE_PER_YEAR * IN_SEASON_SHARE * VIA_STATIONS / SEASON_DAYS
    if month in CHERRY_MONTHS:
        base += CHERRY_PER_YEAR * IN_SEASON_SHARE * VIA_STATIONS / SEASON_DAYS
    return base * scale


def project_of(month: int) -> str:
    if month in APPLE_MONTHS:
        return "apple"
    if month in CHERRY_MONTHS:
        return "cherry"
    return ""
