"""Running wrk (Debian's /usr/bin/wrk) and reading its report, for bench/serve.py.

wrk prints requests per second, a latency distribution (with --latency) and, only when there
were any, a line of socket errors and one of non-2xx/3xx responses; a missing line is zero.
"""

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

WRK = shutil.which("wrk") or "/usr/bin/wrk"
ACCEPT = "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
MIX_SCRIPT = Path(__file__).resolve().parent / "mix.lua"

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class WrkResult:
    requests: int
    per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx_3xx: int
    socket_errors: int

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + self.socket_errors


def _duration_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:
        raise ValueError(f"wrk printed a duration bench cannot read: {text!r}")
    return float(match[1]) * UNITS[match[2]]


def parse(output: str) -> WrkResult:
    """The figures of one wrk report (raises ValueError when it has none: wrk failed)."""
    per_second = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    if not (per_second and total and p50 and p99):
        raise ValueError(f"wrk gave no figures:\n{output}")
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return WrkResult(
        requests=int(total[1]),
        per_second=float(per_second[1]),
        p50_ms=_duration_ms(p50[1]),
        p99_ms=_duration_ms(p99[1]),
        non_2xx_3xx=int(non_2xx[1]) if non_2xx else 0,
        socket_errors=sum(int(n) for n in socket.groups()) if socket else 0,
    )


def wrk(
    base_url: str, paths: list[str], *, connections: int, seconds: int, threads: int = 2
) -> WrkResult:
    """Load `paths` (one, or a mix taken in turn through mix.lua) for `seconds`.

    The timeout is well above any page's time, so that a slow page counts as slow, not as an
    error; wrk's own default (2 s) would call a queue of 50 readers "timeouts".
    """
    command = [
        WRK,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "--latency",
        "-H",
        ACCEPT,
    ]
    if len(paths) == 1:
        command.append(base_url + paths[0])
    else:
        command += ["-s", str(MIX_SCRIPT), base_url + "/", "--", *paths]
    done = subprocess.run(  # noqa: S603 (our own arguments)
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return parse(done.stdout)
