"""The forecast beats the seasonal-naive baseline on held-out simulated weeks, and capacity names a bottleneck."""

import datetime as dt
import random

import numpy as np

from jincun.agri.forecast import evaluate, forecast_series, mase, season_weight, seasonal_naive

APPLE = [10, 11]


def simulated(year_days: int, seed: int, annual: float = 300_000):
    """Poisson pieces around the season curve with a weekday pattern (Sundays quieter), like the simulator."""
    rng = np.random.default_rng(seed)
    start = dt.date(2025, 8, 1)
    days = [start + dt.timedelta(days=i) for i in range(year_days)]
    weekday = [1.1, 1.05, 1.0, 1.0, 1.0, 0.95, 0.7]
    mean = [annual * season_weight(APPLE, d) * weekday[d.weekday()] for d in days]
    return rng.poisson(mean).astype(float), days


def test_forecast_beats_seasonal_naive_on_held_out_weeks():
    results = []
    for seed in range(12):
        history, days = simulated(110, seed)  # ends in mid-November: the held-out weeks are in season
        results.append(evaluate(history, days, APPLE))
    model = np.mean([r.model_mase for r in results])
    naive = np.mean([r.naive_mase for r in results])
    assert model < 0.9 * naive, (model, naive)
    assert sum(r.beats_naive for r in results) >= 10


def test_forecast_made_before_the_season_rises_with_it():
    history, days = simulated(61, 1)  # August and September only
    ahead = forecast_series(history[-56:], days[-56:], APPLE, 28)
    assert ahead[7:].mean() > 2.5 * history[-28:].mean()  # October is in season
    naive = seasonal_naive(history, 28)
    assert naive.mean() < ahead.mean()


def test_mase_of_a_perfect_forecast_is_zero_and_of_naive_near_one():
    rng = random.Random(3)
    train = [rng.randint(80, 120) for _ in range(70)]
    assert mase(train[-14:], train[-14:], train) == 0
    assert mase([100] * 7, [100] * 7, [100] * 14) == 0
