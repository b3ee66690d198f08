"""Work on untrusted files in a child process with limits: the converter or reader of an uploaded paper cannot
take the worker's time, memory or life with it.

The limits are the kernel's (`prlimit`: address space and CPU time, no core dump) plus a wall-clock timeout that
kills the child's whole process group (LibreOffice starts a second process). A child that goes past a limit is
reported as `Exceeded`; one that fails otherwise as `Failed`.
"""

import math
import os
import signal
import subprocess
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    seconds: float  # wall clock, and CPU time (whole seconds, rounded up)
    memory_mb: int  # address space


class Failed(Exception):
    """The child ended with an error (a damaged file, as a rule)."""


class Exceeded(Failed):
    """The child went past its time or memory limit."""


# Signals the kernel sends a child past its CPU limit, or that a child out of address space ends with.
LIMIT_SIGNALS = {signal.SIGXCPU, signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS}


def run(args: list[str], limits: Limits, *, env: dict | None = None, cwd: str | None = None) -> str:
    """Run `args` under `limits`; its standard output, or Failed / Exceeded."""
    memory = limits.memory_mb * 1024 * 1024
    command = ["prlimit", f"--as={memory}", f"--cpu={math.ceil(limits.seconds)}", "--core=0", "--", *args]
    child = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
        start_new_session=True,  # its own process group, killed whole
    )
    try:
        out, err = child.communicate(timeout=limits.seconds)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        raise Exceeded(f"{args[0]}: more than {limits.seconds:g} s") from None
    if child.returncode == 0:
        return out.decode(errors="replace")
    said = err.decode(errors="replace")[-2000:]
    if -child.returncode in LIMIT_SIGNALS or "MemoryError" in said or "bad_alloc" in said:
        raise Exceeded(f"{args[0]}: stopped by its limits ({child.returncode}): {said}")
    raise Failed(f"{args[0]} failed ({child.returncode}): {said}")
