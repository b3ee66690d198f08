"""The `hoinghi` command: Django's management commands under the product's name."""

import os
import sys

from hoinghi.core import production

# Production mode's two long-running commands (deploy/systemd): they refuse to start on the embedded defaults.
PRODUCTION_COMMANDS = {"serve", "worker"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoinghi.settings")
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        sys.argv[1] = sys.argv[1].replace("-", "_")  # `hoinghi import-articles` runs import_articles
    if len(sys.argv) > 1 and sys.argv[1] == "demo":
        # Demo accounts may log in only in demo mode; settings read this at import.
        os.environ["HOINGHI_DEMO"] = "1"
    if len(sys.argv) > 1 and sys.argv[1] in PRODUCTION_COMMANDS:
        os.environ["HOINGHI_PRODUCTION"] = "1"
        if refusal := production.refusal(os.environ):
            sys.exit(refusal)  # printed, with exit status 1, before Django says it less clearly
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
