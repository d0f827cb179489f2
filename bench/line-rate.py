"""Untraced Python line events per ms of CPU for a few tight loops (the bound UNTRACED_MAX_STEPS_PER_MS must
stay above the fastest): each loop's line events per iteration counted with sys.settrace, its untraced CPU time
taken as the best of 5 runs.   python3 bench/line-rate.py"""
import sys, time
def a(n):
    for i in range(n): pass
def b(n):
    t = 0
    for i in range(n): t += 1
def c(n):
    i = 0
    while i < n: i += 1
def d(n):  # the fastest: while True: i += 1; if i >= n: break
    i = 0
    while True:
        i += 1
        if i >= n: break
def e(n):
    x = [0] * n
    for v in x: pass
def count(f, n):
    k = [0]
    def tr(frame, ev, arg):
        if ev == 'call':
            frame.f_trace_lines = True
            return tr
        if ev == 'line': k[0] += 1
        return tr
    sys.settrace(tr); f(n); sys.settrace(None)
    return k[0]
for f in (a, b, c, d, e):
    lines = count(f, 100000) / 100000
    best = 1e9
    for _ in range(5):
        t0 = time.process_time(); f(5_000_000); best = min(best, time.process_time() - t0)
    print(f.__name__, 'lines/iter', lines, 'k line events per ms', round(lines * 5_000_000 / best / 1000 / 1000, 1))
