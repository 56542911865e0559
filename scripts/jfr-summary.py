#!/usr/bin/env python3
"""Summarises a JFR recording of the latency harness: hot methods (top frames of execution samples, and their
io.tradingrt caller), allocation by class (sampled weight), GC pauses and thread time in native waits.
Usage: scripts/jfr-summary.py recording.jfr [top]   (needs `jfr` from the JDK on PATH)"""
import collections, json, subprocess, sys

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 15

def events(kind):
    out = subprocess.run(["jfr", "print", "--json", "--events", kind, path], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out)["recording"]["events"]

def frame_name(frame):
    m = frame["method"]
    return m["type"]["name"] + "." + m["name"]

def ours(frames):
    for f in frames:
        name = frame_name(f).replace("/", ".")
        if name.startswith("io.tradingrt.") and "$$Lambda" not in name:
            return name
    return "(no io.tradingrt frame)"

samples = events("jdk.ExecutionSample")
threads = collections.Counter()
tops = collections.Counter()
callers = collections.Counter()
for e in samples:
    frames = e["values"]["stackTrace"]["frames"]
    thread = e["values"]["sampledThread"]["javaName"] or "?"
    threads["".join(c for c in thread if not c.isdigit())] += 1
    if frames:
        tops[frame_name(frames[0])] += 1
        callers[ours(frames)] += 1
n = len(samples) or 1
print(f"== execution samples: {len(samples)}")
print("by thread:", ", ".join(f"{t} {c * 100 // n}%" for t, c in threads.most_common(8)))
print("-- top frames")
for name, c in tops.most_common(top):
    print(f"{c * 100 / n:5.1f}%  {name}")
print("-- innermost io.tradingrt frame")
for name, c in callers.most_common(top):
    print(f"{c * 100 / n:5.1f}%  {name}")

alloc = collections.Counter()
alloc_site = collections.Counter()
for e in events("jdk.ObjectAllocationSample"):
    v = e["values"]
    alloc[v["objectClass"]["name"]] += v["weight"]
    alloc_site[ours(v["stackTrace"]["frames"]) if v.get("stackTrace") else "-"] += v["weight"]
total = sum(alloc.values()) or 1
print(f"== allocation (sampled weight): {total / 2**20:.0f} MiB in all")
for name, w in alloc.most_common(top):
    print(f"{w * 100 / total:5.1f}%  {name}")
print("-- by innermost io.tradingrt frame")
for name, w in alloc_site.most_common(top):
    print(f"{w * 100 / total:5.1f}%  {name}")

pauses = [e["values"] for e in events("jdk.GarbageCollection")]
def ms(d):
    # JFR prints durations as ISO-8601 like "PT0.001234S"
    return float(d[2:-1]) * 1000 if isinstance(d, str) and d.startswith("PT") and d.endswith("S") else float("nan")
if pauses:
    longest = sorted((ms(p["longestPause"]) for p in pauses), reverse=True)
    print(f"== GC: {len(pauses)} collections ({collections.Counter(p['name'] for p in pauses)}), pauses "
          f"sum {sum(ms(p['sumOfPauses']) for p in pauses):.1f} ms, longest {longest[0]:.2f} ms, "
          f"median {longest[len(longest) // 2]:.2f} ms")
native = collections.Counter()
for e in events("jdk.NativeMethodSample"):
    frames = e["values"]["stackTrace"]["frames"]
    if frames:
        native[frame_name(frames[0])] += 1
print("== native samples (threads waiting):", ", ".join(f"{k} {v}" for k, v in native.most_common(4)))
