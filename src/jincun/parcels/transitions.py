"""The one transition table of the parcel journey, and the projection of events through it.

An event's type names the state it moves the parcel to. A parcel's current state is `project()` of its
accepted events: events are taken in arrival order; one that occurred before the latest applied event is
*late* (kept in history, no effect); one whose move the table does not allow is *refused* with a reason.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from jincun.parcels.choices import Direction
from jincun.parcels.choices import State as S

INBOUND: dict[str, set[str]] = {
    S.MANIFESTED: {S.AT_HUB},
    S.AT_HUB: {S.SORTED},
    S.SORTED: {S.TO_TOWN, S.TO_POSTAL, S.AT_HUB},
    S.TO_TOWN: {S.AT_TOWN},
    S.AT_TOWN: {S.TO_VILLAGE, S.AT_SERVICE_CENTER},
    S.TO_VILLAGE: {S.AT_STATION, S.SIGNED},
    S.AT_STATION: {S.SIGNED, S.OVERDUE},
    S.AT_SERVICE_CENTER: {S.WITH_PROXY, S.OVERDUE},
    S.WITH_PROXY: {S.SIGNED},
    S.TO_POSTAL: {S.ON_MAIL_ROUTE, S.SIGNED},
    S.ON_MAIL_ROUTE: {S.SIGNED},
    S.OVERDUE: {S.SIGNED, S.RETURNING},
}

OUTBOUND: dict[str, set[str]] = {
    S.CREATED: {S.COLLECTED},
    S.COLLECTED: {S.TO_TOWN},
    S.TO_TOWN: {S.AT_TOWN},
    S.AT_TOWN: {S.TO_HUB},
    S.TO_HUB: {S.AT_HUB},
    S.AT_HUB: {S.HANDED_TO_BRAND},
}

# Exceptions reachable from any state still on its way, and where each exception may lead.
TERMINAL = {S.SIGNED, S.RETURNED, S.HANDED_TO_BRAND}
FROM_ANY_OPEN = {S.PROBLEM, S.LOST}
REFUSABLE = {S.TO_VILLAGE, S.AT_STATION, S.AT_SERVICE_CENTER, S.WITH_PROXY, S.ON_MAIL_ROUTE, S.OVERDUE}
EXCEPTIONS: dict[str, set[str]] = {
    # a resolution moves the parcel back into the journey (found, re-sorted), to return, to lost or signed
    S.PROBLEM: {s for s in S if s not in (S.MANIFESTED, S.CREATED, S.PROBLEM, S.RETURNED)},
    S.REFUSED: {S.RETURNING},
    S.RETURNING: {S.RETURNED},
    S.LOST: {S.AT_HUB},
}

FIRST_STATE = {Direction.INBOUND: S.MANIFESTED, Direction.OUTBOUND: S.CREATED}


def allowed(direction: str, state: str) -> set[str]:
    """The states a parcel in `state` may move to."""
    return set(_moves(direction, state))


@functools.cache
def _moves(direction: str, state: str) -> frozenset[str]:
    """`allowed`, worked out once per (direction, state): scan ingest asks it for every event."""
    table = OUTBOUND if direction == Direction.OUTBOUND else INBOUND
    moves = set(table.get(state, ())) | set(EXCEPTIONS.get(state, ()))
    if state not in TERMINAL and state not in (S.PROBLEM, S.LOST, S.RETURNED):
        moves |= FROM_ANY_OPEN
    if direction == Direction.INBOUND and state in REFUSABLE:
        moves.add(S.REFUSED)
    return frozenset(moves)


def can_move(direction: str, state: str, to: str) -> bool:
    return to in _moves(direction, state)


@dataclass(frozen=True)
class Step:
    result: str  # applied / late / refused
    reason: str = ""
    state: str = ""


def step(direction: str, state: str, last_at: dt.datetime | None, to: str, at: dt.datetime) -> Step:
    """One event through the table: the outcome and the state after it."""
    if last_at is not None and at < last_at:
        return _step("late", "late_event", state)
    if to == state:
        return _step("refused", "same_state", state)
    if not can_move(direction, state, to):
        return _step("refused", "impossible_transition", state)
    return _step("applied", "", to)


def _step(result: str, reason: str, state: str) -> Step:
    # Frozen, so one instance per outcome serves every event (scan ingest steps thousands a batch).
    return _shared_step(result, reason, state) if type(state) is str else Step(result, reason, state)


@functools.cache
def _shared_step(result: str, reason: str, state: str) -> Step:
    return Step(result, reason, state)


def project(direction: str, events: Iterable[tuple[str, dt.datetime]]) -> str:
    """Replay (event type, occurred at) pairs in arrival order; returns the resulting state."""
    state, last_at = FIRST_STATE[Direction(direction)], None
    for to, at in events:
        if to == state and last_at is None and to == FIRST_STATE[Direction(direction)]:
            continue  # the creation event: data arriving, not a physical scan, sets no time bar
        outcome = step(direction, state, last_at, to, at)
        if outcome.result == "applied":
            state, last_at = outcome.state, at
    return state
