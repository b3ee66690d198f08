"""The arithmetic of resolution targets, without Django: progress from baseline to target, roll-up of
district figures, the trend forecast and the on-track rule, and reporting periods.

Values are Decimals or floats; kinds, directions and frequencies are plain strings (the models use the same).
"""

PERCENT = "percent"
COUNT = "count"
AMOUNT = "amount"
RANK = "rank"

AT_LEAST = "at_least"
AT_MOST = "at_most"

MONTHLY = "monthly"
QUARTERLY = "quarterly"
HALF_YEARLY = "half"
YEARLY = "yearly"

NO_ROLLUP = "none"
SUM = "sum"
WEIGHTED_SHARE = "weighted"
