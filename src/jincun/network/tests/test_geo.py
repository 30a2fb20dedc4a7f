"""County outlines have one loader (`network.geo`): the dashboard's GeoJSON, the route map's rings and the
shapely geometry all come from the same bundled features, found by the county code in the file, not in code."""

import json

import pytest

from jincun.network import geo


def test_three_views_of_one_outline_agree():
    features = geo.outline_features("370323000000")
    assert [f["properties"]["code"] for f in features] == ["370323"]
    rings = geo.outline_rings("370323")
    shape = geo.county_outline("370323102000")
    assert rings and shape is not None
    lons = [lon for ring in rings for lon, _ in ring]
    lats = [lat for ring in rings for _, lat in ring]
    west, south, east, north = shape.bounds
    assert min(lons) == pytest.approx(west, abs=1e-4) and max(lats) == pytest.approx(north, abs=1e-4)
    assert max(lons) == pytest.approx(east, abs=1e-4) and min(lats) == pytest.approx(south, abs=1e-4)


def test_a_county_without_a_bundled_outline_has_none_anywhere():
    assert geo.outline_features("990101000000") == []
    assert geo.outline_rings("990101") == []
    assert geo.county_outline("990101") is None and geo.point_in_county("990101", 36.0, 118.0) is None


def test_a_new_county_is_found_by_the_code_in_its_file(tmp_path, monkeypatch):
    folder = tmp_path / "somewhere"
    folder.mkdir()
    square = [[[118.0, 36.0], [118.1, 36.0], [118.1, 36.1], [118.0, 36.1], [118.0, 36.0]]]
    (folder / "somewhere_boundary.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"code": "990101"}, "geometry": {"type": "Polygon", "coordinates": square}}
        ]}),
        encoding="utf-8",
    )  # fmt: skip
    monkeypatch.setattr(geo, "BUNDLED", tmp_path)
    geo._features.cache_clear()
    geo._shapes.cache_clear()
    try:
        assert geo.outline_rings("990101000000") == square
        assert geo.point_in_county("990101", 36.05, 118.05) is True
    finally:
        monkeypatch.undo()
        geo._features.cache_clear()
        geo._shapes.cache_clear()
