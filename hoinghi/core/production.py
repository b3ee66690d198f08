"""What production mode refuses to start without (pure: read by the settings before Django is set up).

The message is in Vietnamese and in English: it is printed before Django's translations can be loaded, to an
operator who may read either.
"""

from collections.abc import Mapping

KEY_MIN_LENGTH = 50
KEY_MIN_DISTINCT = 5
# The environment file template's placeholder, and Django's own marker of a key made for development.
PLACEHOLDER_KEYS = ("change-me", "django-insecure-")
ON = {"1", "true", "yes", "on"}


def flag(environ: Mapping[str, str], name: str) -> bool:
    return environ.get(name, "").lower() in ON


def problems(environ: Mapping[str, str]) -> list[str]:
    """Each setting production cannot run without, as one line "Vietnamese (English)"; empty when all is set."""
    found = []
    key = environ.get("SECRET_KEY", "")
    if (
        len(key) < KEY_MIN_LENGTH
        or len(set(key)) < KEY_MIN_DISTINCT
        or any(key.startswith(placeholder) for placeholder in PLACEHOLDER_KEYS)
    ):
        found.append(
            "SECRET_KEY: cần một khóa ngẫu nhiên ít nhất 50 ký tự, tạo bằng "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(64))'` "
            "(a random key of at least 50 characters is needed)"
        )
    if not environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        found.append(
            "DATABASE_URL: cần địa chỉ cơ sở dữ liệu PostgreSQL, ví dụ "
            "postgres://hoinghi:MẬT-KHẨU@127.0.0.1:5432/hoinghi (a PostgreSQL database URL is needed)"
        )
    if not environ.get("REDIS_URL", "").startswith(("redis://", "rediss://", "unix://")):
        found.append(
            "REDIS_URL: cần địa chỉ Redis để các tiến trình máy chủ dùng chung cập nhật trực tiếp, ví dụ "
            "redis://127.0.0.1:6379/0 (a Redis URL is needed)"
        )
    if not environ.get("ALLOWED_HOSTS"):
        found.append("ALLOWED_HOSTS: cần tên miền của trang, ví dụ hoinghi.example.vn (the site's host name is needed)")
    for name in ("HOINGHI_DEBUG", "HOINGHI_DEMO"):
        if flag(environ, name):
            found.append(f"{name}: phải tắt khi chạy thật ({name} must be off in production)")
    return found


def refusal(environ: Mapping[str, str]) -> str:
    """The whole message for `problems`, or "" when production may start."""
    found = problems(environ)
    if not found:
        return ""
    lines = ["Chế độ chạy thật không khởi động được; hãy đặt trong tệp môi trường (production cannot start):"]
    return "\n".join(lines + [f"  - {line}" for line in found])
