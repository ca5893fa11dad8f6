"""Runs commands for bench.mjs and reports their CPU time, which Node cannot read for a child.

One JSON request per stdin line: {"argv": [...], "env": {...}, "cwd": "..."}.
One JSON reply per stdout line: {"status", "wall_ms", "cpu_ms", "user_ms", "sys_ms", "maxrss_kb", "stderr"}.
wait4() gives the child's own rusage (user + system time, peak RSS) with microsecond precision.
"""

import json
import os
import subprocess
import sys
import time

for line in sys.stdin:
    request = json.loads(line)
    started = time.perf_counter_ns()
    child = subprocess.Popen(
        request["argv"],
        env=request["env"],
        cwd=request["cwd"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall_ms = (time.perf_counter_ns() - started) / 1e6
    child.returncode = os.waitstatus_to_exitcode(status)
    reply = {
        "status": child.returncode,
        "wall_ms": wall_ms,
        "user_ms": usage.ru_utime * 1000,
        "sys_ms": usage.ru_stime * 1000,
        "cpu_ms": (usage.ru_utime + usage.ru_stime) * 1000,
        "maxrss_kb": usage.ru_maxrss,
        "stderr": stderr.decode("utf8", "replace")[-2000:],
    }
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()
