"""The `jincun` command: `jincun VERB [options]`.

Each verb is a Django management command defined in one of Jincun's apps (`<app>/management/commands/`),
spelt with hyphens on the command line (`import-divisions` → `import_divisions`). Apps add verbs by adding
commands; nothing here changes. Failures end with exit code ≠ 0 and a one-line reason.
"""

from __future__ import annotations

import os
import sys


def _verbs() -> dict[str, str]:
    """verb → app label, for management commands that live in Jincun's own apps."""
    from django.conf import settings
    from django.core.management import get_commands

    ours = {app for app in settings.JINCUN_APPS}
    return {name.replace("_", "-"): app for name, app in get_commands().items() if app in ours}


def _help(verbs: dict[str, str]) -> str:
    from django.core.management import load_command_class

    lines = ["usage: jincun VERB [options]   (jincun VERB --help for a verb's options)", "", "verbs:"]
    for verb in sorted(verbs):
        command = load_command_class(verbs[verb], verb.replace("-", "_"))
        summary = (command.help or "").strip().splitlines()[0] if command.help else ""
        lines.append(f"  {verb:<20} {summary}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jincun.settings")
    try:
        import django

        django.setup()
        verbs = _verbs()
    except Exception as exc:  # settings or environment broken: say so in one line
        print(f"jincun: cannot start: {exc}", file=sys.stderr)
        return 1
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(_help(verbs))
        return 0
    verb = argv[0]
    if verb not in verbs:
        print(f"jincun: unknown verb {verb!r} (see `jincun --help`)", file=sys.stderr)
        return 2
    from django.core.management import load_command_class

    command = load_command_class(verbs[verb], verb.replace("-", "_"))
    try:
        command.run_from_argv(["jincun", verb, *argv[1:]])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        print("jincun: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `jincun coverage | head`: the reader stopped early; nothing went wrong here
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        if "--traceback" in argv:
            raise
        reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        print(f"jincun {verb}: error: {reason} (run with --traceback for details)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
