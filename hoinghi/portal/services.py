"""The office's writes on articles: a check that the person may, then the action in one transaction, audited.

Every save of an article keeps a revision and passes two checks first: its rich text is reduced to the
allow-list (`richtext.sanitize`), and its words may not give away what its meeting keeps confidential
(`confidential.refusals`); a step that makes it public checks again, since the meeting may have changed."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hoinghi.core import audit
from hoinghi.core.errors import invalid, require
from hoinghi.core.text import clean, fold
from hoinghi.records.news import news_draft

from . import confidential, richtext, workflow
from .models import Article, ArticleRevision
from .pages import published_changed
from .permissions import can_edit

SLUG_LENGTH = 80


def unique_slug(title: str, exclude_pk=None) -> str:
    base = slugify(fold(title))[:SLUG_LENGTH].strip("-") or "bai-viet"
    taken = set(Article.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def check_publishable(article: Article) -> None:
    """Refuse, with every reason in Vietnamese, a text that gives away a confidential part of its meeting."""
    text = "\n".join([article.title, article.summary, richtext.plain_text(article.body)])
    if reasons := confidential.refusals(article.meeting, text):
        invalid(_("This article cannot be published: it gives away %(what)s.") % {"what": "; ".join(reasons)})


def keep_revision(actor, article: Article) -> ArticleRevision:
    last = article.revisions.aggregate(n=Max("number"))["n"] or 0
    return ArticleRevision.objects.create(
        article=article,
        number=last + 1,
        title=article.title,
        summary=article.summary,
        body=article.body,
        status=article.status,
        author=actor,
    )


def check_save_article(actor, article: Article | None, **fields) -> Article:
    require(can_edit(actor))
    return do_save_article(actor, article, **fields)


@transaction.atomic
def do_save_article(actor, article: Article | None, *, title: str, summary: str, body: str, meeting=None) -> Article:
    """Create (`article` None) or edit an article's words; its status does not change here."""
    creating = article is None
    if creating:
        article = Article(author=actor, meeting=meeting)
    else:
        article = Article.objects.select_for_update().get(pk=article.pk)
    if not clean(title):
        invalid(_("Give the article a title."), "title")
    article.title, article.summary, article.body = clean(title), summary.strip(), richtext.sanitize(body)
    if not richtext.plain_text(article.body):
        invalid(_("Write the article's text."), "body")
    check_publishable(article)
    if creating:
        article.slug = unique_slug(article.title)
    article.save()
    revision = keep_revision(actor, article)
    verb = "article.create" if creating else "article.update"
    audit.record(actor, verb, article, title=article.title, revision=revision.number, meeting=article.meeting_id)
    if workflow.GOING_PUBLIC & {article.status}:
        published_changed()
    return article


def check_start_from_meeting(actor, meeting) -> Article:
    require(can_edit(actor))
    return do_start_from_meeting(actor, meeting)


def do_start_from_meeting(actor, meeting) -> Article:
    """A draft article from the meeting's news draft, which already leaves its confidential items out."""
    draft = news_draft(meeting)
    lead = draft["body"].split("\n\n", 1)[0]
    return do_save_article(
        actor, None, title=draft["title"], summary=lead, body=richtext.from_plain(draft["body"]), meeting=meeting
    )


def check_move_article(actor, article: Article, target: str, publish_at=None) -> Article:
    require(can_edit(actor))
    return do_move_article(actor, article, target, publish_at)


@transaction.atomic
def do_move_article(actor, article: Article, target: str, publish_at=None) -> Article:
    article = Article.objects.select_for_update().get(pk=article.pk)
    source = article.status
    if not workflow.can_move(source, target):
        invalid(_("An article cannot go from “%(source)s” to “%(target)s”.") % {
            "source": Article.Status(source).label, "target": Article.Status(target).label,
        })  # fmt: skip
    when = workflow.publish_time(target, timezone.now(), publish_at or article.publish_at)
    if target == workflow.SCHEDULED and when is None:
        invalid(_("Choose a time in the future to schedule the article."), "publish_at")
    if target in workflow.GOING_PUBLIC:
        check_publishable(article)
    article.status, article.publish_at = target, when
    article.save(update_fields=["status", "publish_at", "updated_at"])
    keep_revision(actor, article)
    audit.record(
        actor, f"article.{target}", article, status=[source, target], publish_at=when.isoformat() if when else None
    )
    if workflow.GOING_PUBLIC & {source, target}:
        published_changed()
    return article
