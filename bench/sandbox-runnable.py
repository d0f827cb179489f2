"""How many of each pool worker's processes want a core, sampled: whether a worker ever waits with nothing to run.

Started by bench/sandbox-cpu.ts (--runnable) with the Node process's pid and the workers' pids; until its stdin
closes it reads, every INTERVAL_S, the state of every process under each worker (the wrapper, the fork-server, its
oracle, the job's candidate and anything it forked) and of Node's main thread, and counts the processes in state R
(running, or runnable and waiting for a core). A worker with none in R is idle: it waits for Node's next job, a pipe
or a timer, and its core could run something else (a candidate forked ahead). Prints one JSON object at the end.
Under load the share of samples in R grows (waiting for a core counts as R); the idle share is a lower bound of an
idle machine's, but in milliseconds per job it is what the worker waited on anything other than a core.

  python3 bench/sandbox-runnable.py NODE_PID WORKER_PID...  (stdin: closed to stop)
"""

import json
import os
import select
import sys

INTERVAL_S = 0.001  # a sample a millisecond: jobs take 1.5-15 ms, so each is seen several times


def state(pid):
    """The process's state letter, or None when it is gone."""
    try:
        with open('/proc/%d/stat' % pid, 'rb') as f:
            raw = f.read()
    except OSError:
        return None
    return chr(raw[raw.rindex(b')') + 2])


def descendants(pid):
    """pid and every process under it (each process's children, read from its main thread's list)."""
    out = [pid]
    i = 0
    while i < len(out):
        try:
            with open('/proc/%d/task/%d/children' % (out[i], out[i]), 'rb') as f:
                out.extend(int(p) for p in f.read().split())
        except OSError:
            pass
        i += 1
    return out


def main():
    node = int(sys.argv[1])
    workers = [int(p) for p in sys.argv[2:]]
    histograms = {w: {} for w in workers}
    node_runnable = 0
    samples = 0
    while not select.select([sys.stdin], [], [], INTERVAL_S)[0]:
        samples += 1
        if state(node) == 'R':
            node_runnable += 1
        for w in workers:
            running = sum(1 for p in descendants(w) if state(p) == 'R')
            histograms[w][running] = histograms[w].get(running, 0) + 1
    print(json.dumps({'samples': samples, 'nodeRunnable': node_runnable,
                      'workers': [{str(k): v for k, v in sorted(histograms[w].items())} for w in workers]}))


if __name__ == '__main__':
    main()
