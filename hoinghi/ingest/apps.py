from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "hoinghi.ingest"
    verbose_name = "Nhập bài viết"
