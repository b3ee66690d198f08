"""Reading the directory over time: who succeeded whom, and what existed on a day."""

import datetime

from .models import Organization, Reorganization


def successors_on(organization: Organization, day: datetime.date) -> list[Organization]:
    """The organizations existing on `day` that carry `organization`'s duties: itself if it still exists, else its
    successors, followed through later reorganizations (a 2021 district's duties may have passed twice)."""
    found, seen, todo = [], set(), [organization]
    while todo:
        current = todo.pop(0)
        if current.pk in seen:
            continue
        seen.add(current.pk)
        if current.end is None or day <= current.end:
            found.append(current)  # not ended by `day`: it holds the work then
            continue
        later = Organization.objects.filter(reorganizations__predecessors=current).order_by("name").distinct()
        todo.extend(later)
    return found


def predecessors_of(organization: Organization) -> list[Organization]:
    """Every organization whose duties passed to `organization`, directly or through earlier reorganizations."""
    found, seen, todo = [], {organization.pk}, [organization]
    while todo:
        current = todo.pop(0)
        earlier = Organization.objects.filter(succeeded_by_reorganizations__successors=current).order_by("name")
        for predecessor in earlier.distinct():
            if predecessor.pk not in seen:
                seen.add(predecessor.pk)
                found.append(predecessor)
                todo.append(predecessor)
    return found


def reorganization_ending(organization: Organization) -> Reorganization | None:
    """The reorganization that ended `organization`, if one did."""
    return Reorganization.objects.filter(predecessors=organization).order_by("-effective").first()


def reorganizations_of(organization: Organization):
    """The reorganizations `organization` took part in, as predecessor or successor, the latest first."""
    ended = Reorganization.objects.filter(predecessors=organization)
    began = Reorganization.objects.filter(successors=organization)
    return (ended | began).distinct().prefetch_related("predecessors", "successors").order_by("-effective", "-id")
