"""The portal's name, the ministry's measurement snippet (EMC) and figures with thousands marked by dots."""

from django import template
from django.conf import settings
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def portal_name() -> str:
    return settings.PORTAL_NAME


@register.simple_tag
def emc_script() -> str:
    """The measurement script state portals carry (Thông tư 22/2023/TT-BTTTT), when configured; its host is then
    allowed by the CSP (settings.py)."""
    if not settings.PORTAL_EMC_SCRIPT_URL:
        return ""
    return format_html(
        '<script src="{}" data-site-id="{}" async></script>',
        settings.PORTAL_EMC_SCRIPT_URL,
        settings.PORTAL_EMC_SITE_ID,
    )


@register.filter
def dots(number) -> str:
    """4196163 → "4.196.163", as Vietnamese writes it."""
    return f"{int(number):,}".replace(",", ".")
