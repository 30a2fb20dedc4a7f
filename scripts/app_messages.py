"""Refresh a Jincun app's own English catalog: `python scripts/app_messages.py compliance routing …`.

Django searches `<app>/locale/` after `LOCALE_PATHS` (the main catalog, which wins for an msgid in both).
`manage.py makemessages` run inside an app still writes to the main catalog (its folder contains every app), so
this empties `LOCALE_PATHS` for the run, extracts the app's strings into `<app>/locale/en/LC_MESSAGES/django.po`
drops the entries the main catalog already translates (its English is the one used), and compiles the `.mo`
(committed: the install does not compile). Needs GNU gettext (msgattrib, msgcomm, msgcat), as compilemessages does.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
sys.path.insert(0, str(SRC))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jincun.settings")

import django  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402


def main(apps: list[str]) -> None:
    django.setup()
    settings.LOCALE_PATHS = []
    for app in apps:
        folder = SRC / "jincun" / app
        (folder / "locale").mkdir(exist_ok=True)
        os.chdir(folder)
        call_command(
            "makemessages", locale=["en"], no_obsolete=True, ignore_patterns=["tests/*", "migrations/*"]
        )
        _drop_translated_in_main(folder / "locale" / "en" / "LC_MESSAGES" / "django.po")
        call_command("compilemessages", locale=["en"])


def _drop_translated_in_main(po: Path) -> None:
    main = SRC / "jincun" / "locale" / "en" / "LC_MESSAGES" / "django.po"
    with tempfile.TemporaryDirectory() as tmp:
        translated, common = Path(tmp, "translated.po"), Path(tmp, "common.po")
        subprocess.run(
            ["msgattrib", "--translated", "--no-fuzzy", str(main), "-o", str(translated)], check=True
        )
        subprocess.run(["msgcomm", "--more-than=1", str(po), str(translated), "-o", str(common)], check=True)
        if common.exists() and common.stat().st_size:
            kept = Path(tmp, "kept.po")
            subprocess.run(
                ["msgcat", "--unique", "--use-first", str(po), str(common), "-o", str(kept)], check=True
            )
            po.write_text(kept.read_text(encoding="utf-8"), encoding="utf-8")
    # A new catalog's header comes marked fuzzy with no language; msgfmt would skip it (and its charset).
    text = po.read_text(encoding="utf-8")
    text = text.replace('#, fuzzy\nmsgid ""\nmsgstr ""\n', 'msgid ""\nmsgstr ""\n', 1)
    po.write_text(text.replace('"Language: \\n"', '"Language: en\\n"', 1), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
