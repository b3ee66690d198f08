"""The accounts' own pages: the second step of signing in (before the session is signed in) and each person's
account (password, recovery codes, sessions)."""

from hoinghi.core.permissions import RuleTable, anyone, signed_in

RULES = RuleTable("directory", {"second_step": anyone, "own_account": signed_in})
