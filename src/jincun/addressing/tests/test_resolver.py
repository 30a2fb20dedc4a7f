import pytest

from jincun.addressing.resolver import resolve

pytestmark = pytest.mark.django_db

LIANGQUAN = "370323102281"


@pytest.mark.parametrize(
    "text",
    [
        "山东省淄博市沂源县鲁村镇凉泉村村民委员会",
        "沂源县鲁村镇凉泉村村东头",
        "鲁村凉泉3组15号",
        "沂源县凉泉村委会小卖部",
        "收件人：张三 13812345678 沂源县鲁村镇凉泉村",
        "ＳＤ沂源县　鲁村镇　凉泉村　１２号",
        "凉泉",
    ],
)
def test_one_village_in_many_styles(text):
    res = resolve(text)
    assert (res.status, res.village_code, res.town_code) == ("resolved", LIANGQUAN, "370323102")


def test_duplicate_name_without_town_is_ambiguous():
    res = resolve("沂源县王庄村委会")
    assert res.status == "ambiguous"
    assert len({c[:9] for c in res.candidates}) == 2


def test_duplicate_name_with_town_is_resolved():
    ambiguous = resolve("沂源县新村")
    towns = sorted(c[:9] for c in ambiguous.candidates)
    for code in ambiguous.candidates:
        from jincun.network.models import AdminArea

        town = AdminArea.objects.get(code=code[:9] + "000").name
        res = resolve(f"沂源县{town}新村")
        assert (res.status, res.village_code) == ("resolved", code)
    assert len(set(towns)) == 2


def test_town_only_and_unresolved():
    assert resolve("沂源县东里镇中心路18号").status == "town_only"
    assert resolve("淄博市沂源悦庄镇镇政府").town_code == "370323104"
    assert resolve("沂源县某某某").status == "unresolved"
    assert resolve("").status == "unresolved"
    assert resolve(None).status == "unresolved"


@pytest.mark.parametrize(
    "text",
    [
        "山东省临沂市沂水县鲁村三村村委会",
        "山东省淄博市博山区葛庄村",
        "沂水鲁村三村",
        "山东省莱芜市怡康居委会",
        "江苏省南京市玄武区中山路1号",
        "蒙阴县蒙阴街道叠翠路5号",
    ],
)
def test_neighbour_county_village_is_not_pulled_in(text):
    assert resolve(text).status == "out_of_area"


def test_our_county_named_first_wins_over_a_road_named_after_a_neighbour():
    assert resolve("沂源县鲁村镇凉泉村沂水路").status == "resolved"


def test_unknown_hamlet_containing_a_village_name_is_not_matched():
    # 小王庄 is not a village unit; the stem 王庄 inside it must not count.
    assert resolve("沂源县小王庄").status in {"unresolved", "town_only"}
    assert resolve("沂源县鲁村镇东凉泉庄").village_code == ""


def test_homophone_and_typo_within_town():
    homophone = resolve("沂源县鲁村镇梁泉村")
    assert (homophone.status, homophone.village_code) == ("resolved", LIANGQUAN)
    assert resolve("沂源县鲁村镇凉全村").village_code == LIANGQUAN


def test_village_of_another_town_is_not_resolved():
    res = resolve("沂源县东里镇凉泉村")
    assert res.status == "town_only" and res.town_code == "370323103" and LIANGQUAN in res.candidates


def test_segmentation_prefers_town_plus_village_over_a_longer_stem():
    # 东里西 is a village stem too; 东里 + 西长旺 covers more text.
    assert resolve("东里西长旺7号院").village_code == "370323103266"


def test_town_short_form_repeated_names_the_village():
    assert resolve("历山街道办事处历山7号院").village_code == "370323001001"
    assert resolve("沂源县历山").status == "town_only"


def test_stem_followed_by_more_name_is_not_the_village():
    assert resolve("沂源县草埠叁村").village_code == "370323102221"  # 叁 → 三: 草埠三村, not 草埠
    assert resolve("沂源县草埠子村").village_code == ""


def test_roads_and_quarters_named_like_villages_stay_town_only():
    for text in (
        "沂源县历山街道沂河路8号",
        "沂源县东里东关8号",
        "沂源县石桥镇石桥路8号",
        "沂源县鲁村镇卫生院",
    ):
        res = resolve(text)
        assert res.status == "town_only" and res.village_code == "", text


def test_misspelled_town_still_scopes():
    assert resolve("沂源县月庄镇中心路").town_code == "370323104"
    assert resolve("沂源县月庄镇花水村").village_code == "370323104284"


def test_development_zones_and_generic_district_names():
    assert resolve("山东省淄博市高新区鲁村三村").status == "out_of_area"
    assert resolve("沂源县经济开发区").status != "out_of_area"
    assert resolve("城区凉泉村").village_code == LIANGQUAN  # 城区 is not a county name worth trusting


def test_the_county_name_comes_from_the_data_not_the_code():
    """An address that names only the county (full or short form) leaves the text after it as the fragment the
    review queue groups by, for any county loaded — here a made-up 测试县, not Yiyuan."""
    from jincun.network.tests.factories import CountyFactory, VillageFactory

    county = CountyFactory()
    VillageFactory(name="李家峪村", parent__parent=county)
    for text in ("测试县王二庄村3组", "测试王二庄村东头"):
        res = resolve(text, county_code=county.code)
        assert (res.status, res.fragment) == ("unresolved", "王二庄"), text
    assert resolve("沂源县某某某").fragment == "某某某"
