"""Is a request's user agent a program rather than a person? Pure (no Django).

Crawlers name themselves ("Googlebot", "bingbot", "coccocbot"), tools do too ("curl", "python-requests"),
link previews fetch pages for a chat ("facebookexternalhit", "Zalo"), and a request with no user agent at all is
no browser. What is left is counted as a person; a bot that lies about itself is counted as one, which is why
a visit is also one visitor key a day (see counter.py), not one request."""

import re

BOT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|scrap|fetch|monitor|preview|externalhit|headless|lighthouse|pingdom|"
    r"curl|wget|httpie|python-|aiohttp|httpx|go-http|java/|okhttp|node-fetch|axios|libwww|php/|ruby|"
    r"zalo|facebookcatalog|whatsapp|telegram|skype|discord|embedly|feed|rss|archive",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or BOT.search(user_agent) is not None
