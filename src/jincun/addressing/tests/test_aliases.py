import io

import pytest

from jincun.addressing.choices import AliasSource
from jincun.addressing.models import Alias
from jincun.addressing.resolver import resolve
from jincun.addressing.services import AliasRefused, add_alias, area_for_code, export_aliases, import_aliases
from jincun.core.imports import read_table

pytestmark = pytest.mark.django_db


def test_hamlet_alias_resolves_after_it_is_added():
    assert resolve("沂源县鲁村镇下河崖").village_code == ""
    add_alias("下河崖", area_for_code("370323102281"), AliasSource.OPERATOR)
    res = resolve("沂源县鲁村镇下河崖3组")
    assert (res.status, res.village_code) == ("resolved", "370323102281")
    assert resolve("沂源县下河崖").status == "resolved"


def test_hamlet_alias_in_two_towns_needs_the_town():
    add_alias("石门庄", area_for_code("370323102281"))
    add_alias("石门庄", area_for_code("370323103270"))
    assert resolve("沂源县石门庄").status == "ambiguous"
    assert resolve("沂源县东里镇石门庄").village_code == "370323103270"


def test_alias_refusals():
    with pytest.raises(AliasRefused):
        add_alias("凉", area_for_code("370323102281"))
    with pytest.raises(AliasRefused):
        area_for_code("999999999999")


def test_import_export_round_trip():
    data = "alias,code,source,note\n下河崖,370323102281,imported,旧名\n坏行,123,imported,\n鲁村,370323102,operator,\n".encode()
    report = import_aliases(read_table(data, "aliases.csv"))
    assert report.created == 2 and [e.line for e in report.errors] == [3]
    out = io.StringIO()
    assert export_aliases(out) == 2
    Alias.objects.all().delete()
    again = import_aliases(read_table(out.getvalue().encode(), "x.csv"))
    assert again.created == 2 and Alias.objects.get(text="鲁村").area.code == "370323102000"


def test_alias_verbs(tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    src = tmp_path / "a.csv"
    src.write_text("alias,code\n下河崖,370323102281\n", encoding="utf-8-sig")
    call_command("import_aliases", str(src))
    out = tmp_path / "out.csv"
    call_command("export_aliases", output=str(out))
    assert "下河崖,370323102281,imported" in out.read_text(encoding="utf-8")
    src.write_text("alias,code\n坏,1\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_aliases", str(src))


def test_admin_pages_open(admin_client):
    for url in (
        "/admin/addressing/alias/",
        "/admin/addressing/alias/add/",
        "/admin/addressing/brandsortcode/",
        "/admin/addressing/addressreview/",
    ):
        assert admin_client.get(url).status_code == 200, url
