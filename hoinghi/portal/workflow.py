"""An article's steps: draft → review → published (now) or scheduled (later); published or scheduled →
withdrawn; back to draft from review or withdrawn. Pure (no Django): statuses are the strings of
`Article.Status`."""

DRAFT, REVIEW, SCHEDULED, PUBLISHED, WITHDRAWN = "draft", "review", "scheduled", "published", "withdrawn"

STEPS = {
    DRAFT: {REVIEW},
    REVIEW: {DRAFT, PUBLISHED, SCHEDULED},
    SCHEDULED: {REVIEW, PUBLISHED, WITHDRAWN},
    PUBLISHED: {WITHDRAWN},
    WITHDRAWN: {DRAFT},
}
# What a visitor could already read, or will at its time: its text passes the confidentiality check again.
GOING_PUBLIC = {PUBLISHED, SCHEDULED}


def can_move(current: str, target: str) -> bool:
    return target in STEPS.get(current, set())


def publish_time(target: str, now, requested):
    """When the article goes live: now when published, the requested (future) time when scheduled; None when
    the schedule is not in the future (the caller refuses it)."""
    if target == PUBLISHED:
        return now
    if target == SCHEDULED:
        return requested if requested is not None and requested > now else None
    return requested
