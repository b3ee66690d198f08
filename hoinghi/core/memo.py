"""Answers that hold for the length of one request.

A page asks "is this user a member of this meeting's body?" several times over (to show the meeting,
the item, the poll, the ballot): a request asks the database once. Outside a request (services called
by tests, jobs, commands) nothing is kept, so a change is always seen at once.
"""

import contextvars
import functools

_answers: contextvars.ContextVar[dict | None] = contextvars.ContextVar("request_answers", default=None)


def per_request(function):
    """Keep `function(*args)` for the rest of the request; the arguments are model instances or values."""

    @functools.wraps(function)
    def wrapper(*args):
        answers = _answers.get()
        if answers is None:
            return function(*args)
        key = (function, *args)
        if key not in answers:
            answers[key] = function(*args)
        return answers[key]

    return wrapper


class RequestAnswersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _answers.set({})
        try:
            return self.get_response(request)
        finally:
            _answers.reset(token)
