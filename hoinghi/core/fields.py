"""Model fields that keep Vietnamese text in Unicode NFC, whatever the input's form."""

from django.db import models

from .text import clean, nfc


class NFCCharField(models.CharField):
    """One-line text (titles, names): NFC, white space collapsed."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return clean(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = clean(value)
            setattr(model_instance, self.attname, value)
        return value


class NFCTextField(models.TextField):
    """Multi-line text: NFC, layout kept."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return nfc(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = nfc(value).strip()
            setattr(model_instance, self.attname, value)
        return value
