"""The demo county network (`jincun demo`): simulated stations, agreements and logins on real divisions."""

from jincun.network.demo.build import DemoResult, build_demo, demo_exists, hub_code
from jincun.network.demo.people import DEMO_PASSWORD, DemoLogin

__all__ = ["DEMO_PASSWORD", "DemoLogin", "DemoResult", "build_demo", "demo_exists", "hub_code"]
