"""Fixed links of the portal: the national online public services, and the share links of an article."""

from urllib.parse import quote

from django.utils.translation import gettext_lazy as _

PUBLIC_SERVICES = [
    (_("National public service portal"), "https://dichvucong.gov.vn/"),
    (_("Look up a dossier's progress"), "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html"),
    (_("Online payment of fees"), "https://dichvucong.gov.vn/p/home/dvc-thanh-toan-truc-tuyen.html"),
    (_("Feedback on administrative rules"), "https://pakn.dichvucong.gov.vn/"),
]


def share_links(url: str, title: str) -> list[tuple[str, str]]:
    """Plain links (no third-party script or button on the page): the reader's click is the only request."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ("Zalo", f"https://sp.zalo.me/share_to_zalo?u={u}"),
        ("X", f"https://x.com/intent/post?url={u}&text={t}"),
        ("E-mail", f"mailto:?subject={t}&body={u}"),
    ]
