"""`hoinghi nginx_site`: print the nginx site (deploy/nginx/hoinghi.conf) for this configuration.

The upload limit, the static folder and the HSTS policy are the application's own settings; the application
servers, the host name and the certificate come from the environment file.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.template import Context, Engine

TEMPLATE = Path(settings.BASE_DIR).parent / "deploy" / "nginx" / "hoinghi.conf"
# Room for the form's other fields and the multipart framing around the largest file.
FORM_MARGIN_MB = 1


class Command(BaseCommand):
    help = "Print the nginx site for this configuration (deploy/nginx/hoinghi.conf rendered)."
    requires_system_checks = []

    def add_arguments(self, parser):
        env = os.environ.get
        parser.add_argument("--upstreams", default=env("HOINGHI_UPSTREAMS", "127.0.0.1:8000"), help="HOST:PORT ...")
        parser.add_argument("--server-name", default=settings.ALLOWED_HOSTS[0], help="The site's host name.")
        parser.add_argument("--http-listen", default=env("HOINGHI_HTTP_LISTEN", "80"))
        parser.add_argument("--https-listen", default=env("HOINGHI_HTTPS_LISTEN", "443"))
        parser.add_argument("--certificate", default=env("HOINGHI_TLS_CERTIFICATE", "/etc/ssl/certs/hoinghi.pem"))
        parser.add_argument("--certificate-key", default=env("HOINGHI_TLS_KEY", "/etc/ssl/private/hoinghi.key"))

    def handle(self, *args, upstreams: str, https_listen: str, **options):
        https_port = https_listen.rpartition(":")[2]
        context = {
            **options,
            "https_listen": https_listen,
            "https_port_suffix": "" if https_port == "443" else f":{https_port}",
            "upstreams": upstreams.replace(",", " ").split(),
            "body_max_mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024) + FORM_MARGIN_MB,
            "static_root": str(settings.STATIC_ROOT).rstrip("/"),
            # Django's own HSTS header (production settings), given by nginx to the files it serves itself.
            "hsts_seconds": getattr(settings, "SECURE_HSTS_SECONDS", 0) or 365 * 24 * 3600,
            "hsts_subdomains": getattr(settings, "SECURE_HSTS_INCLUDE_SUBDOMAINS", True),
            "hsts_preload": getattr(settings, "SECURE_HSTS_PRELOAD", True),
        }
        template = Engine(autoescape=False).from_string(TEMPLATE.read_text())
        self.stdout.write(template.render(Context(context)), ending="")
