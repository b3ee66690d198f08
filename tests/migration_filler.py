"""Rows for every model of a historical schema (the migrations' own models, as `RunPython` sees them), made from the
fields alone, so that the test of migrations from the first release needs no factory of that release; and the
rows read back by table and column, to compare after migrating forward."""

import datetime
import decimal
import uuid

from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

ROWS = 2
# What a data migration expects a field to hold, where any value of its type would not do.
GIVEN = {
    "voting.ballot.choices": {},  # a ballot is a map of subject to option: this one left blank
}


def value(field, n: int, model):
    """A value for `field` in row `n`: Vietnamese text in NFC, the n-th choice where there are choices."""
    if (given := f"{model._meta.label_lower}.{field.name}") in GIVEN:
        return GIVEN[given]
    if field.choices:
        return field.choices[n % len(field.choices)][0]
    if isinstance(field, models.JSONField):
        return {"n": n, "ghi chú": "Hội nghị"}
    if isinstance(field, models.FileField):
        return f"cu/{model._meta.model_name}-{n}.pdf"
    if isinstance(field, models.EmailField):
        return f"nguoi{n}@hoinghi.vn"
    if isinstance(field, models.GenericIPAddressField):
        return "127.0.0.1"
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, (models.SlugField,)):
        return f"{model._meta.model_name}-{n}"[: field.max_length]
    if isinstance(field, (models.CharField, models.TextField)):
        text = f"{n} Kết luận của Ban Thường vụ về {model._meta.model_name}"
        return text[: field.max_length] if field.max_length else text
    if isinstance(field, models.BooleanField):
        return n % 2 == 0
    if isinstance(field, models.DateTimeField):
        return timezone.make_aware(datetime.datetime(2021, 3, 1 + n, 8, 30))
    if isinstance(field, models.DateField):
        return datetime.date(2021, 3, 1 + n)
    if isinstance(field, models.TimeField):
        return datetime.time(8, n % 60)
    if isinstance(field, models.DurationField):
        return datetime.timedelta(minutes=30 + n)
    if isinstance(field, models.DecimalField):
        return decimal.Decimal("12.5") + n
    if isinstance(field, models.FloatField):
        return 12.5 + n
    if isinstance(field, models.IntegerField):
        return n + 1
    if isinstance(field, models.BinaryField):
        return b"\x00hoinghi" + bytes([n])
    raise TypeError(f"{model._meta.label}.{field.name}: no value for a {type(field).__name__}")


def ordered(all_models) -> list:
    """Models each after those its required foreign keys name."""
    pending, done = list(all_models), []
    while pending:
        for model in pending:
            needs = {
                field.related_model
                for field in model._meta.concrete_fields
                if field.is_relation and not field.null and field.related_model is not model
            }
            if needs <= set(done):
                done.append(model)
                pending.remove(model)
                break
        else:
            raise AssertionError(f"foreign keys in a circle: {[m._meta.label for m in pending]}")
    return done


def stored(apps, labels: set[str]) -> list:
    """The models of the apps named that have a table of their own. A model moved to another app (the issued
    documents, from meetings to records) is in both apps' states for a while, its table in the new one's."""
    existing = set(connection.introspection.table_names())
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in labels
        and model._meta.managed
        and not model._meta.proxy
        and model._meta.db_table in existing
    ]


def fill(apps, labels: set[str]) -> dict[str, str]:
    """ROWS rows in every stored model of the apps named; the models that refused them, with the reason."""
    refused = {}
    chosen = stored(apps, labels)
    for model in ordered(chosen):
        for n in range(ROWS):
            fields = {}
            for field in model._meta.concrete_fields:
                if field.primary_key and field.get_internal_type() in ("AutoField", "BigAutoField"):
                    continue
                if field.is_relation:
                    # Row n names the related model's row n: rows unique together differ in their relations.
                    taken = set(model._default_manager.values_list(field.attname, flat=True)) if field.unique else set()
                    related = list(field.related_model._default_manager.exclude(pk__in=taken).order_by("pk"))
                    target = related[n % len(related)] if related and field.related_model is not model else None
                    if target is None and not field.null:
                        refused[model._meta.label] = f"no {field.related_model._meta.label} for {field.name}"
                        break
                    fields[field.name] = target
                else:
                    fields[field.name] = value(field, n, model)
            else:
                try:
                    with transaction.atomic():
                        model._default_manager.create(**fields)
                except IntegrityError as error:
                    refused[model._meta.label] = str(error)
    return refused


def tables(apps, labels: set[str]) -> dict[str, dict]:
    """Every row of the models' tables, by table and primary key, each column as text."""
    return {model._meta.db_table: rows(model._meta.db_table) for model in stored(apps, labels)}


def rows(table: str) -> dict[str, dict[str, str]]:
    with connection.cursor() as cursor:
        columns = [column.name for column in connection.introspection.get_table_description(cursor, table)]
        cursor.execute(
            f"SELECT {', '.join(connection.ops.quote_name(c) for c in columns)} FROM {connection.ops.quote_name(table)}"
        )
        found = {}
        for row in cursor.fetchall():
            record = dict(zip(columns, row, strict=True))
            found[str(record.get("id", row[0]))] = {column: str(cell) for column, cell in record.items()}
    return found
