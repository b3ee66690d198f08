"""Secret ballot of N voters over HTTP against the real server, with N room screens listening (another process).

Builds a body of N members in a fresh database, starts `uvicorn hoinghi.asgi:application`; the poll's
counting board gets its phones ready (a Python client doing what the board page's script does: an ECDH
key pair, its public half posted), the chair opens the secret poll; connects N live screens (server-sent
events), opens each voter's ballot page (its token and signed credential), then from this second process
has every voter cast once and send one duplicate (half replay the same request, half come from a "second
device"), while a trivial page is fetched alongside as the baseline. The chair closes the poll, and the
board's phones give their shares (each decrypts its share and posts it), which opens the box. Reports.

    .venv/bin/python bench/ballot.py [--voters 500] [--spread 3] [--workers 2] [--json]
"""

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import re
import resource
import secrets
import statistics
import time
from pathlib import Path

from common import app_server, bench_site, passed_sign_in, percentile, prepare_site


def build(voters: int) -> dict:
    """The body, its members, a running meeting and an open secret poll; sessions for every voter."""
    import django

    django.setup()
    import datetime

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from hoinghi.directory.models import Body, Membership, Organization, Person, Term, User
    from hoinghi.meetings import services as meetings
    from hoinghi.meetings.models import Participant
    from hoinghi.voting import services as voting

    prepare_site()
    committee = Organization.objects.create(name="Tỉnh ủy Thử nghiệm", kind="party", document_code="TU")
    body = Body.objects.create(organization=committee, name="Ban Chấp hành Đảng bộ tỉnh", kind="executive_committee")
    term = Term.objects.create(body=body, ordinal="XVII", start=datetime.date(2020, 10, 1))
    people = Person.objects.bulk_create(Person(full_name=f"Ủy viên số {n + 1}") for n in range(voters))
    Membership.objects.bulk_create(
        Membership(person=p, term=term, role="chair" if n == 0 else "member") for n, p in enumerate(people)
    )
    users = []
    for n, person in enumerate(people):
        user = User(username=f"uv{n + 1}", role="chair" if n == 0 else "member", person=person)
        user.set_unusable_password()
        users.append(user)
    users = User.objects.bulk_create(users)
    office = User.objects.create(username="vanphong", role="office")
    meeting = meetings.check_create_meeting(
        office,
        body=body,
        term=term,
        number=1,
        kind="regular",
        place="Hội trường",
        starts_at=timezone.now(),
        title="Hội nghị thử tải",
    )
    item = meetings.check_add_item(office, meeting, title="Biểu quyết thông qua nghị quyết", kind="draft_resolution")
    meetings.check_take_step(office, meeting, "schedule")
    chair = users[0]
    meetings.check_take_step(chair, meeting, "start")
    meeting.participants.update(attendance=Participant.Attendance.PRESENT)
    poll = voting.check_create_poll(
        office, meeting, item=item, title="Thông qua dự thảo Nghị quyết", kind="question", method="secret", subjects=[]
    )
    sessions = {}
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "hoinghi.directory.auth.DemoAwareBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        passed_sign_in(session)
        session.create()
        sessions[user.username] = session.session_key
    subject = poll.subjects.get()
    board = [(seat.person.user.username, seat.person_id) for seat in poll.board.select_related("person__user")]
    return {
        "poll": poll.pk,
        "field": f"s{subject.pk}",
        "sessions": sessions,
        "chair": chair.username,
        "board": board,
        "shares_required": poll.shares_required,
    }


def count_ballots(poll_pk: int) -> dict:
    from hoinghi.voting.models import CountedBallot, VoterRoll

    filled = CountedBallot.objects.filter(poll_id=poll_pk).count()  # the poll is closed: its box opened
    return {"ballots": filled, "roll": VoterRoll.objects.filter(poll_id=poll_pk).count()}


async def run(base: str, setup: dict, spread: float, screen_count: int, server_pid: int) -> dict:
    import aiohttp

    from hoinghi.voting.device import Device

    poll, field = setup["poll"], setup["field"]
    voters = list(setup["sessions"])
    csrf = secrets.token_hex(16)  # 32 characters: a valid CSRF secret, sent as cookie and field
    timeout = aiohttp.ClientTimeout(total=120)

    def client(username: str | None = None) -> aiohttp.ClientSession:
        cookies = {"csrftoken": csrf} | ({"sessionid": setup["sessions"][username]} if username else {})
        return aiohttp.ClientSession(base, cookies=cookies, timeout=timeout, headers={"Origin": base})

    async def post_form(username: str, path: str, fields: dict) -> tuple[int, str]:
        form = {"csrfmiddlewaretoken": csrf, **fields}
        async with client(username) as http, http.post(path, data=form, allow_redirects=False) as answer:
            return answer.status, await answer.text()

    # The board's phones make their keys, then the chair opens the poll.
    phones = {username: Device() for username, _person in setup["board"]}
    for username, _person in setup["board"]:
        key = {"device_key": phones[username].public_key}
        status, _text = await post_form(username, f"/polls/{poll}/board/device/", key)
        assert status == 200, (status, _text[:3000])
    status, _text = await post_form(setup["chair"], f"/polls/{poll}/open/", {})
    assert status == 302, status

    # The room screens, in a process of their own as they are other devices than the phones: one live stream per
    # voter's session.
    spawn = multiprocessing.get_context("spawn")
    connected, screens_out = spawn.Event(), spawn.Queue()
    watchers = voters[:screen_count]
    sessions = {username: setup["sessions"][username] for username in watchers}
    watching = spawn.Process(target=watch, args=(base, poll, sessions, csrf, len(voters), connected, screens_out))
    started = time.perf_counter()
    watching.start()
    loop = asyncio.get_running_loop()
    if watchers and not await loop.run_in_executor(None, connected.wait, 300):
        raise RuntimeError("the room screens did not connect")
    screens_connected_s = time.perf_counter() - started

    cast_ms, done_at, outcomes = [], [], {"replay_same_receipt": 0, "second_device_refused": 0, "other": 0}
    trivial_ms = []
    stop = asyncio.Event()

    async def trivial():
        async with client() as http:
            while not stop.is_set():
                start = time.perf_counter()
                async with http.get("/login/") as response:
                    await response.read()
                trivial_ms.append((time.perf_counter() - start) * 1000)
                await asyncio.sleep(0.05)

    async def post(http, data) -> tuple[int, str]:
        async with http.post(f"/polls/{poll}/cast/", data=data, headers={"Origin": base}) as response:
            return response.status, await response.text()

    # Each member's phone has the ballot page open before the vote: its one-time token and signed credential.
    papers = {}

    async def open_ballot(username: str):
        async with client(username) as http, http.get(f"/polls/{poll}/") as response:
            page = await response.text()
        papers[username] = {name: _hidden(page, name) for name in ("token", "credential")}

    for start in range(0, len(voters), 50):
        await asyncio.gather(*(open_ballot(u) for u in voters[start : start + 50]))

    async def vote(index: int, username: str):
        await asyncio.sleep(random.uniform(0, spread))
        data = {"csrfmiddlewaretoken": csrf, **papers[username], field: random.choice(["yes", "no", "abstain"])}
        async with client(username) as http:
            start = time.perf_counter()
            _status, text = await post(http, data)
            cast_ms.append((time.perf_counter() - start) * 1000)
            done_at.append(time.perf_counter())
            receipt = _receipt(text)
            if index % 2:  # a replay of the same request (a retry after a lost response)
                status, text = await post(http, data)
                same = status == 200 and _receipt(text) == receipt and receipt
                outcomes["replay_same_receipt" if same else "other"] += 1
            else:  # the same voter from a second device: another token
                status, _text = await post(http, data | {"token": secrets.token_urlsafe(16)})
                outcomes["second_device_refused" if status in (400, 403) else "other"] += 1

    baseline = asyncio.create_task(trivial())
    casting, casting_cpu = time.perf_counter(), _tree_cpu_seconds(server_pid)
    await asyncio.gather(*(vote(i, u) for i, u in enumerate(voters)))
    casting_s = time.perf_counter() - casting
    casting_cpu = _tree_cpu_seconds(server_pid) - casting_cpu
    screens, screens_cpu = await loop.run_in_executor(None, screens_out.get, True, 60)
    watching.join(timeout=10)
    stop.set()
    await baseline

    # The chair closes; the board's phones give their shares; wait for the result from the last share given.
    status, _text = await post_form(setup["chair"], f"/polls/{poll}/close/", {"confirmed": "1"})
    assert status == 302, (status, _text[:3000])
    for username, person in setup["board"][: setup["shares_required"]]:
        async with client(username) as http, http.get(f"/polls/{poll}/board/") as response:
            sealed = re.search(r'data-sealed-share="([^"]+)"', await response.text()).group(1)
        share = phones[username].posted_share(sealed, poll, person)
        start = time.perf_counter()  # the last share given starts the clock
        status, _text = await post_form(username, f"/polls/{poll}/board/share/", {"share": share})
        assert status == 200, (status, _text[:3000])
    async with client(setup["chair"]) as http:
        while True:
            async with http.get(f"/polls/{poll}/state.json") as response:
                state = await response.json()
            if state.get("phase") in ("counted", "published"):
                break
            await asyncio.sleep(0.01)
        result_after_close_ms = (time.perf_counter() - start) * 1000

    # Lag: from the k-th completed cast to the moment a screen showed a count of k or more.
    done_at.sort()
    lags = []
    for events in screens:
        for k, finished in enumerate(done_at, start=1):
            seen = next((t for t, count in events if count >= k), None)
            if seen is not None:
                lags.append(max(0.0, (seen - finished) * 1000))
    complete_screens = sum(1 for events in screens if events and events[-1][1] == len(voters))
    return {
        "cast_ms": cast_ms,
        "trivial_ms": trivial_ms,
        "result_after_close_ms": result_after_close_ms,
        "lags": lags,
        "screens_complete": complete_screens,
        "screens_client_cpu_s": screens_cpu,
        "outcomes": outcomes,
        "screens_connected_s": screens_connected_s,
        "casting_s": casting_s,
        "casting_server_cpu_s": casting_cpu,
        "requests_while_casting": 2 * len(voters) + len(trivial_ms),
    }


def watch(base: str, poll: int, sessions: dict, csrf: str, final: int, connected, screens_out) -> None:
    """The room screens' process: each screen's (time, count) as the live feed gave them, once all reach `final`
    or ten seconds after the last count that came. perf_counter is the machine's monotonic clock, the same in both
    processes."""
    screens = asyncio.run(_watch(base, poll, sessions, csrf, final, connected))
    screens_out.put((screens, _cpu_seconds(resource.RUSAGE_SELF)))


async def _watch(base: str, poll: int, sessions: dict, csrf: str, final: int, connected) -> list:
    import aiohttp

    screens: list[list[tuple[float, int]]] = [[] for _ in sessions]
    ready = 0
    timeout = aiohttp.ClientTimeout(total=600)

    async def screen(index: int, session_key: str):
        nonlocal ready
        cookies = {"csrftoken": csrf, "sessionid": session_key}
        async with aiohttp.ClientSession(base, cookies=cookies, timeout=timeout) as http:
            async with http.get(f"/polls/{poll}/events/") as response:
                first = True
                async for raw in response.content:
                    line = raw.decode()
                    if not line.startswith("data:"):
                        continue
                    state = json.loads(line[5:])
                    screens[index].append((time.perf_counter(), state.get("cast_count", 0)))
                    if first:
                        first = False
                        ready += 1
                        if ready == len(sessions):
                            connected.set()
                    if state.get("cast_count") == final:
                        return

    listeners = [asyncio.create_task(screen(i, key)) for i, key in enumerate(sessions.values())]
    if not listeners:
        connected.set()
        return screens
    pending = set(listeners)
    while pending:
        _done, pending = await asyncio.wait(pending, timeout=1)
        final_at = [events[-1][0] for events in screens if events and events[-1][1] == final]
        if final_at and time.perf_counter() - max(final_at) > 10:  # the rest missed the last count
            break
    for task in pending:
        task.cancel()
    return screens


def _hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]+)"', html).group(1)


def _receipt(html: str) -> str | None:
    marker = 'id="receipt-code">'
    start = html.find(marker)
    return html[start + len(marker) : html.find("<", start + len(marker))].strip() if start >= 0 else None


def _cpu_seconds(who) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _tree_cpu_seconds(pid: int) -> float:
    """CPU time so far of a running process and its children (Linux /proc), e.g. the server and its workers."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process has just ended
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def _rounded(value):
    return None if value is None else round(value, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=500)
    parser.add_argument("--spread", type=float, default=3.0, help="seconds over which the voters arrive")
    parser.add_argument("--screens", type=int, help="live room screens listening (default: one per voter)")
    parser.add_argument("--workers", type=int, default=1, help="server processes (more than one: through Redis)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with bench_site(args.workers):
        setup = build(args.voters)
        client_cpu = _cpu_seconds(resource.RUSAGE_SELF)
        with app_server(args.workers, stop_seconds=20) as (url, pid):
            screens = args.voters if args.screens is None else args.screens
            figures = asyncio.run(run(url, setup, args.spread, screens, pid))
            client_cpu = _cpu_seconds(resource.RUSAGE_SELF) - client_cpu
        counts = count_ballots(setup["poll"])
    summary = {
        "voters": args.voters,
        "ballots_recorded": counts["ballots"],
        "voter_roll": counts["roll"],
        "duplicates": counts["ballots"] - counts["roll"],
        "unexpected_answers": figures["outcomes"]["other"],
        "replays_answered_with_same_receipt": figures["outcomes"]["replay_same_receipt"],
        "second_devices_refused": figures["outcomes"]["second_device_refused"],
        "cast_p50_ms": round(statistics.median(figures["cast_ms"]), 1),
        "cast_p95_ms": round(percentile(figures["cast_ms"], 0.95), 1),
        "cast_max_ms": round(max(figures["cast_ms"]), 1),
        "trivial_p50_ms": round(statistics.median(figures["trivial_ms"]), 1),
        "trivial_p95_ms": round(percentile(figures["trivial_ms"], 0.95), 1),
        "result_after_close_ms": round(figures["result_after_close_ms"], 1),
        "shares_required": setup["shares_required"],
        "live_lag_p50_ms": _rounded(percentile(figures["lags"], 0.5)),
        "live_lag_p95_ms": _rounded(percentile(figures["lags"], 0.95)),
        "screens": screens,
        "screens_connected_s": round(figures["screens_connected_s"], 1),
        "casting_s": round(figures["casting_s"], 1),
        "server_cpu_casting_s": round(figures["casting_server_cpu_s"], 2),
        "server_cpu_per_request_ms": round(
            1000 * figures["casting_server_cpu_s"] / figures["requests_while_casting"], 2
        ),
        "server_processes": args.workers,
        "server_cpu_s": round(_cpu_seconds(resource.RUSAGE_CHILDREN) - figures["screens_client_cpu_s"], 1),
        "bench_client_cpu_s": round(client_cpu, 1),
        "screens_client_cpu_s": round(figures["screens_client_cpu_s"], 1),
        "screens_reaching_final_count": figures["screens_complete"],
        "database": "postgresql" if os.environ.get("DATABASE_URL") else "sqlite",
    }
    if args.json:
        print(json.dumps(summary))
    else:
        width = max(len(k) for k in summary)
        for key, value in summary.items():
            print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
