#!/usr/bin/env python3
"""The co-process protocol (docs/protocol.md), as an embedding system uses it.

    coprocess.py THRESHOLD N

Starts `THRESHOLD eval -r core -` with stdin and stdout as pipes and, N
times, writes one line and waits for one reply line, never closing stdin.
A reply that does not come within five seconds fails the test (the command
would be holding lines back). Every tenth request is malformed JSON and must
get an error line naming its line number, after which the stream goes on;
every request's id must come back as "case". Prints the round-trip latency.
"""
import json
import os
import select
import subprocess
import sys
import time

TIMEOUT_S = 5.0


def read_line(proc, buf):
    """One reply line from proc's stdout, or None after TIMEOUT_S."""
    deadline = time.monotonic() + TIMEOUT_S
    fd = proc.stdout.fileno()
    while b"\n" not in buf:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None, buf
        chunk = os.read(fd, 65536)
        if not chunk:
            return None, buf
        buf += chunk
    line, _, rest = buf.partition(b"\n")
    return line, rest


def main():
    cli, n = sys.argv[1], int(sys.argv[2])
    proc = subprocess.Popen([cli, "eval", "-r", "core", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, bufsize=0)
    buf = b""
    times = []
    problems = []
    for i in range(1, n + 1):
        if i % 10 == 0:
            request = b'{"id": "bad-%d", "assessed_on": \n' % i
        else:
            case = {"id": "R%d" % i, "assessed_on": "2026-01-01",
                    "child": {"dob": "2019-05-01"},
                    "school": {"attendance_pct": 80 + i % 20}}
            request = json.dumps(case).encode() + b"\n"
        start = time.perf_counter()
        proc.stdin.write(request)
        line, buf = read_line(proc, buf)
        times.append(time.perf_counter() - start)
        if line is None:
            problems.append("request %d: no reply within %.0f s" % (i, TIMEOUT_S))
            break
        reply = json.loads(line)
        if i % 10 == 0:
            if reply.get("line") != i or reply.get("error", {}).get("code") != "json":
                problems.append("request %d: wanted an error line, got %s" % (i, line[:120]))
        elif reply.get("case") != "R%d" % i or "suggestion" not in reply:
            problems.append("request %d: wanted the result for R%d, got %s" % (i, i, line[:120]))
        if len(problems) > 5:
            break
    proc.stdin.close()
    rest = proc.stdout.read()
    code = proc.wait()
    if rest.strip():
        problems.append("output after the last reply: %r" % rest[:120])
    if code != 1:                    # the malformed lines make the status 1
        problems.append("exit status %d, wanted 1" % code)
    times.sort()
    if times:
        ms = [t * 1000 for t in times]
        print("round trips: %d, median %.3f ms, p99 %.3f ms, max %.3f ms" %
              (len(ms), ms[len(ms) // 2], ms[min(len(ms) - 1, len(ms) * 99 // 100)], ms[-1]))
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
