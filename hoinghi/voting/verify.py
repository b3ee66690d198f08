"""Recompute a published poll's result from its published ballots: pure Python, no Django.

Anyone in the body can run `python -m hoinghi.voting.verify published.json [RECEIPT]` on the file the
poll page offers (`selectors.published_record`): it prints, as JSON, whether the tally recomputed from
the published ballots (or the counting board's figures) equals the published result, and whether the
receipt's fingerprint is among those counted.
"""

import hashlib
import json
import sys
from fractions import Fraction

from .rules import Method, Rule
from .tally import tally, tally_counts

RECEIPT_LENGTH = 12


def normalize_receipt(receipt: str) -> str:
    """The receipt as stored: upper case, without the dashes and spaces it is shown with."""
    return "".join(c for c in receipt.upper() if c.isalnum())


def group_receipt(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def receipt_fingerprint(receipt: str) -> str:
    """What the ballot box keeps of a receipt: it shows a ballot was counted, never which one is whose."""
    return hashlib.sha256(f"receipt:{normalize_receipt(receipt)}".encode()).hexdigest()


def recompute(published: dict) -> dict:
    poll, rule = published["poll"], published["rule"]
    kind = poll["kind"]
    subject_ids = [s["id"] for s in published["subjects"]]
    threshold = Rule(Fraction(*rule["share"]), strict=rule["strict"], base=rule["base"])
    people = {"convened": published["convened"], "present": published["present"]}
    if poll["method"] == Method.PAPER:
        paper = published["paper"]
        return tally_counts(
            kind, subject_ids, paper["counts"], threshold, returned=paper["returned"], valid=paper["valid"], **people
        )
    return tally(kind, subject_ids, published["ballots"], threshold, max_choices=poll["max_choices"], **people)


def verify(published: dict, receipt: str | None = None) -> dict:
    """{"matches", "recomputed", "published", "ballots", "fingerprints", "receipt_counted"}.

    `matches` also requires, for a secret ballot, one published fingerprint per published ballot.
    """
    recomputed = recompute(published)
    fingerprints = published.get("fingerprints", [])
    ballots = len(published.get("ballots", []))
    secret = published["poll"]["method"] == Method.SECRET
    outcome = {
        "matches": recomputed == published["result"] and (not secret or len(fingerprints) == ballots),
        "recomputed": recomputed,
        "published": published["result"],
        "ballots": ballots,
        "fingerprints": len(fingerprints),
        "receipt_counted": None,
    }
    if receipt is not None:
        outcome["receipt_counted"] = receipt_fingerprint(receipt) in set(fingerprints)
    return outcome


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print("usage: python -m hoinghi.voting.verify PUBLISHED.json [RECEIPT]", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as source:
        outcome = verify(json.load(source), argv[1] if len(argv) == 2 else None)
    print(json.dumps(outcome, ensure_ascii=False, indent=2))
    return 0 if outcome["matches"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
