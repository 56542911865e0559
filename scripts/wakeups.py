#!/usr/bin/env python3
"""Wake-ups of a running JVM's threads: voluntary context switches (a thread blocking, to be woken again) per
second, summed by thread name without its number, between two readings of /proc/PID/task/*/status (Linux).
Usage: scripts/wakeups.py PID seconds   e.g. during a TickToTradeLatency window"""
import collections, os, sys, time
pid, seconds = sys.argv[1], float(sys.argv[2])
def read():
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            name = open(f"/proc/{pid}/task/{tid}/comm").read().strip()
            for line in open(f"/proc/{pid}/task/{tid}/status"):
                if line.startswith("voluntary_ctxt_switches"):
                    out[tid] = (name, int(line.split()[1]))
        except OSError:
            pass
    return out
a = read(); time.sleep(seconds); b = read()
groups = collections.Counter(); counts = collections.Counter()
for tid, (name, n) in b.items():
    if tid in a:
        g = name.rstrip("0123456789")
        groups[g] += (n - a[tid][1]) / seconds
        counts[g] += 1
for g, v in groups.most_common(8):
    print(f"{v:9.0f}/s  {g} ({counts[g]} threads)")
