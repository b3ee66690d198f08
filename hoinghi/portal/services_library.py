"""The office's writes on the rest of the portal: notices, the weekly schedule, the document library, photos.
Each checks that the person may, acts in one transaction and is audited (an edit with what it changed, old and
new); what changes the public pages moves their cache's generation (pages.published_changed)."""

import io
import os

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from hoinghi.core import audit
from hoinghi.core.errors import invalid, require
from hoinghi.core.text import fold
from hoinghi.core.uploads import checked_file, save_with_file, store, upload_name

from .models import Notice, Photo, PublicDocument, ScheduleEntry, ScheduleWeek
from .pages import published_changed
from .permissions import can_edit

NOTICE_FIELDS = ["title", "body", "expires_on"]
ENTRY_FIELDS = ["day", "time", "leader", "content", "place", "chair"]
DOCUMENT_FIELDS = ["number", "issued_on", "issuer", "doc_type", "summary", "is_public"]
PHOTO_SIZE = 1280  # the longer side shown on the portal; the original is kept as sent
PHOTO_QUALITY = 82


def check_add_notice(actor, **fields) -> Notice:
    require(can_edit(actor))
    return do_add_notice(actor, **fields)


@transaction.atomic
def do_add_notice(actor, *, title, body="", publish_at=None, expires_on=None) -> Notice:
    publish_at = publish_at or timezone.now()
    check_notice_days(publish_at, expires_on)
    notice = Notice.objects.create(title=title, body=body, publish_at=publish_at, expires_on=expires_on, author=actor)
    audit.record(actor, "notice.create", notice, title=notice.title, publish_at=publish_at.isoformat())
    published_changed()
    return notice


def check_notice_days(publish_at, expires_on) -> None:
    if expires_on and expires_on < timezone.localdate(publish_at):
        invalid(_("A notice cannot end before it is shown."), "expires_on")


def check_update_notice(actor, notice: Notice, **fields) -> Notice:
    require(can_edit(actor))
    return do_update_notice(actor, notice, **fields)


@transaction.atomic
def do_update_notice(actor, notice: Notice, **fields) -> Notice:
    """The notice's title, text and last day; it keeps its time of posting."""
    changes = edit(notice, NOTICE_FIELDS, fields)
    check_notice_days(notice.publish_at, notice.expires_on)
    if changes:
        notice.save(update_fields=list(changes))
        audit.record(actor, "notice.update", notice, changes=changes)
        published_changed()
    return notice


def edit(instance, names: list[str], fields: dict) -> dict:
    """Set the named fields given, the row not saved; what changed, {field: [old, new]}, for the audit. A field not
    named is refused, so an edit cannot reach past its form."""
    if unknown := set(fields) - set(names):
        raise TypeError(f"not editable here: {sorted(unknown)}")
    before = audit.snapshot(instance, names)
    for name, value in fields.items():
        setattr(instance, name, value)
    return audit.diff(before, audit.snapshot(instance, names))


def check_remove_notice(actor, notice: Notice) -> None:
    require(can_edit(actor))
    do_remove_notice(actor, notice)


@transaction.atomic
def do_remove_notice(actor, notice: Notice) -> None:
    audit.record(actor, "notice.delete", notice, title=notice.title)
    notice.delete()
    published_changed()


def check_add_schedule_entry(actor, **fields) -> ScheduleEntry:
    require(can_edit(actor))
    return do_add_schedule_entry(actor, **fields)


@transaction.atomic
def do_add_schedule_entry(actor, *, day, time=None, leader, content, place="", chair="") -> ScheduleEntry:
    """An engagement, in the schedule of its day's ISO week (made when it is the week's first)."""
    schedule = week_of(day)
    entry = ScheduleEntry.objects.create(
        schedule=schedule, day=day, time=time, leader=leader, content=content, place=place, chair=chair
    )
    audit.record(actor, "schedule.add_entry", schedule, day=day.isoformat(), leader=entry.leader)
    if schedule.published_at:
        published_changed()
    return entry


def week_of(day) -> ScheduleWeek:
    """The schedule of `day`'s ISO week, made when it is the week's first engagement."""
    year, week, _weekday = day.isocalendar()
    return ScheduleWeek.objects.get_or_create(year=year, week=week)[0]


def check_update_schedule_entry(actor, entry: ScheduleEntry, **fields) -> ScheduleEntry:
    require(can_edit(actor))
    return do_update_schedule_entry(actor, entry, **fields)


@transaction.atomic
def do_update_schedule_entry(actor, entry: ScheduleEntry, **fields) -> ScheduleEntry:
    """An engagement corrected; moved to another day, it goes to that day's week (unpublished if new)."""
    old_schedule = entry.schedule
    changes = edit(entry, ENTRY_FIELDS, fields)
    if not changes:
        return entry
    entry.schedule = week_of(entry.day)
    entry.save()
    audit.record(actor, "schedule.update_entry", entry.schedule, entry=entry.pk, changes=changes)
    if old_schedule.published_at or entry.schedule.published_at:
        published_changed()
    return entry


def check_remove_schedule_entry(actor, entry: ScheduleEntry) -> None:
    require(can_edit(actor))
    do_remove_schedule_entry(actor, entry)


@transaction.atomic
def do_remove_schedule_entry(actor, entry: ScheduleEntry) -> None:
    schedule = entry.schedule
    audit.record(actor, "schedule.remove_entry", schedule, day=entry.day.isoformat(), leader=entry.leader)
    entry.delete()
    if schedule.published_at:
        published_changed()


def check_publish_week(actor, schedule: ScheduleWeek, publish: bool = True) -> ScheduleWeek:
    require(can_edit(actor))
    return do_publish_week(actor, schedule, publish)


@transaction.atomic
def do_publish_week(actor, schedule: ScheduleWeek, publish: bool = True) -> ScheduleWeek:
    if publish and not schedule.entries.exists():
        invalid(_("Add the week's engagements before publishing its schedule."))
    schedule.published_at = timezone.now() if publish else None
    schedule.save(update_fields=["published_at"])
    audit.record(actor, "schedule.publish" if publish else "schedule.unpublish", schedule)
    published_changed()
    return schedule


def check_add_document(actor, uploaded_file, **fields) -> PublicDocument:
    require(can_edit(actor))
    return do_add_document(actor, uploaded_file, **fields)


@transaction.atomic
def do_add_document(actor, uploaded_file, *, number, issued_on, issuer, doc_type, summary, is_public) -> PublicDocument:
    """A document of the library, with a file of its own: the library takes no paper of a meeting, so none of
    its confidential papers can be attached here."""
    extension = document_extension(uploaded_file)
    document = PublicDocument(
        number=number, issued_on=issued_on, issuer=issuer, doc_type=doc_type, summary=summary, is_public=is_public,
        original_name=upload_name(uploaded_file, f"van-ban{extension}"), size=uploaded_file.size, created_by=actor,
    )  # fmt: skip
    document.search_key = search_key(document)
    save_with_file(document, "file", "van-ban" + extension, uploaded_file)
    audit.record(actor, "document.create", document, number=document.number, public=is_public)
    if is_public:
        published_changed()
    return document


def document_extension(uploaded_file) -> str:
    """The file's extension after its check: the library keeps PDF, DOCX and XLSX files only."""
    file_type, _digest = checked_file(uploaded_file)
    if file_type.extension not in (".pdf", ".docx", ".xlsx"):
        invalid(_("A document of the library is a PDF, DOCX or XLSX file."), "file")
    return file_type.extension


def search_key(document: PublicDocument) -> str:
    return fold(" ".join([document.number, document.issuer, document.summary]))


def check_update_document(actor, document: PublicDocument, uploaded_file=None, **fields) -> PublicDocument:
    require(can_edit(actor))
    return do_update_document(actor, document, uploaded_file, **fields)


@transaction.atomic
def do_update_document(actor, document: PublicDocument, uploaded_file=None, **fields) -> PublicDocument:
    """The document's fields corrected and, if a file is given, its file replaced. The new file is stored before
    the row and removed if anything after fails; the old one is removed only once the change is committed, so a
    failure leaves the document as it was, file and all."""
    extension = document_extension(uploaded_file) if uploaded_file else None
    was_public, old_file, old_name = document.is_public, document.file.name, document.original_name
    changes = edit(document, DOCUMENT_FIELDS, fields)
    document.search_key = search_key(document)
    if uploaded_file:
        document.original_name = upload_name(uploaded_file, f"van-ban{extension}")
        document.size = uploaded_file.size
        changes["file"] = [old_name, document.original_name]  # the same name may carry other content
    if not changes:
        return document
    try:
        if uploaded_file:
            save_with_file(document, "file", "van-ban" + extension, uploaded_file)
        else:
            document.save()
        audit.record(actor, "document.update", document, number=document.number, changes=changes)
    except Exception:
        if uploaded_file:
            document.file.delete(save=False)
        raise
    if uploaded_file:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    if was_public or document.is_public:
        published_changed()
    return document


def check_set_document_public(actor, document: PublicDocument, public: bool) -> PublicDocument:
    require(can_edit(actor))
    return do_set_document_public(actor, document, public)


@transaction.atomic
def do_set_document_public(actor, document: PublicDocument, public: bool) -> PublicDocument:
    document.is_public = public
    document.save(update_fields=["is_public"])
    audit.record(actor, "document.publish" if public else "document.unpublish", document, number=document.number)
    published_changed()
    return document


def resized(uploaded_file) -> tuple[bytes, tuple[int, int]]:
    """The photo as the portal shows it: turned upright, its longer side at most PHOTO_SIZE, as JPEG."""
    try:
        with Image.open(uploaded_file) as image:
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((PHOTO_SIZE, PHOTO_SIZE), Image.Resampling.LANCZOS)
            output = io.BytesIO()
            image.save(output, "JPEG", quality=PHOTO_QUALITY, optimize=True, progressive=True)
            size = image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        invalid(_("This image cannot be read."), "image")
    uploaded_file.seek(0)
    return output.getvalue(), size


def check_add_photo(actor, uploaded_file, **fields) -> Photo:
    require(can_edit(actor))
    return do_add_photo(actor, uploaded_file, **fields)


@transaction.atomic
def do_add_photo(actor, uploaded_file, *, caption, taken_on=None, is_public=True) -> Photo:
    file_type, _digest = checked_file(uploaded_file, "image")
    if file_type.kind != "image":
        invalid(_("A photo is a JPEG, PNG, GIF or WebP image."), "image")
    shown, (width, height) = resized(uploaded_file)
    photo = Photo(caption=caption, taken_on=taken_on, is_public=is_public, created_by=actor, width=width, height=height)
    stem = os.urandom(8).hex()
    store(photo.image, f"{stem}.jpg", ContentFile(shown))
    try:
        save_with_file(photo, "original", stem + file_type.extension, uploaded_file)
    except Exception:
        photo.image.delete(save=False)
        raise
    audit.record(actor, "photo.create", photo, caption=photo.caption)
    if is_public:
        published_changed()
    return photo
