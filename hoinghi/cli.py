"""The `hoinghi` command: Django's management commands under the product's name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoinghi.settings")
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        sys.argv[1] = sys.argv[1].replace("-", "_")  # `hoinghi import-articles` runs import_articles
    if len(sys.argv) > 1 and sys.argv[1] == "demo":
        # Demo accounts may log in only in demo mode; settings read this at import.
        os.environ["HOINGHI_DEMO"] = "1"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
