from django import forms
from django.utils.translation import gettext_lazy as _

from hoinghi.core.forms import Styled


class KeyForm(Styled, forms.Form):
    name = forms.CharField(
        label=_("Name of the key"),
        max_length=100,
        help_text=_("What will use it, e.g. 'Báo cáo tuần của Sở'. You can revoke it at any time."),
    )
