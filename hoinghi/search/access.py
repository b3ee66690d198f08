"""Which rows of the index a reader may find: the pages' own rules asked in SQL, one condition per kind.

Each kind is admitted by the selector its page is admitted by (meetings' `visible_meetings`, `visible_items`,
`openable_documents`; directives' `visible`; targets' `visible_targets` and `visible_resolutions`; the portal's
`live_articles`), as a subquery:
nothing is loaded into Python, and a withheld thing is neither found nor counted. Building it reads nothing but the
account's own fields and today's date (a test holds it to no query), which lets the search keep it compiled.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Now

from hoinghi.directives import permissions as directive_perm
from hoinghi.directives.models import Directive
from hoinghi.directory.roles import is_office
from hoinghi.meetings import selectors as meeting_selectors
from hoinghi.portal.selectors import live_articles
from hoinghi.targets import permissions as target_perm
from hoinghi.targets import selectors as target_selectors

from .models import Kind

ITEM_CONTENT = [Kind.ITEM, Kind.OPINION, Kind.CONCLUSION]


def public() -> Q:
    """What anyone may find, signed in or not: the portal's live articles, their time asked of the database's clock
    (the condition holds no moment of its own: selectors keeps it compiled)."""
    return Q(kind=Kind.ARTICLE, object_id__in=live_articles(Now()).values("pk"))


def readable(user) -> Q:
    """The rows `user` may find when signed in."""
    if not user.is_authenticated:
        return public()
    if is_office(user):  # every meeting and item (drafts too); confidential papers still need a seat to open
        meetings = Q(kind=Kind.MEETING) | Q(kind__in=ITEM_CONTENT) | Q(kind=Kind.DOCUMENT, confidential=False)
    else:
        items = meeting_selectors.visible_items(user).values("pk")
        # One subquery of the visible items for their content and their open papers (asked twice, PostgreSQL
        # would build the set twice).
        meetings = Q(kind=Kind.MEETING, meeting_id__in=meeting_selectors.visible_meetings(user).values("pk")) | Q(
            Q(kind__in=ITEM_CONTENT) | Q(kind=Kind.DOCUMENT, confidential=False), item_id__in=items
        )
    # Asked of each confidential paper matched (a tenth of the papers, and a count stops at its cap), not as the
    # set of every paper the reader may open, which would read the whole table of papers for every query (180 ms at
    # 100,000). PostgreSQL turns an EXISTS whose rows are tied by equality into that set when it expects many
    # rows (it does for the filter of a GIN scan): the paper is tied by a range of one key, which it asks row by
    # row through the primary key's index.
    key = OuterRef("document_id")
    opener = meeting_selectors.openable_documents(user).filter(pk__gte=key, pk__lte=key)
    papers = Q(kind=Kind.DOCUMENT, confidential=True) & Q(Exists(opener))
    directives = directive_perm.visible(user, Directive.objects.all()).values("pk")
    watching = target_perm.can_watch(user)
    follow_up = (
        Q(kind__in=[Kind.DIRECTIVE, Kind.REPORT], directive_id__in=directives)
        | Q(kind=Kind.RESOLUTION, object_id__in=target_selectors.visible_resolutions(user, watching).values("pk"))
        | Q(kind=Kind.TARGET, object_id__in=target_selectors.visible_targets(user, watching).values("pk"))
    )
    return meetings | papers | follow_up | public()
