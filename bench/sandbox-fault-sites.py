"""Where a Python sandbox job's page faults land: one fork-server (no bubblewrap, as with --isolation none but with
its own confinement) fed trivial jobs or HumanEval references back to back under `perf record -e
exceptions:page_fault_user`, each fault attributed to the server, its oracle or a candidate, and to the server's
memory region it hit (the pymalloc arenas and other anonymous maps, [heap], libpython's data, code pages) with its
kind (write to a present page: copy-on-write or reuse; write to an absent page; read; instruction fetch). Needs
`perf` and root.   python3 bench/sandbox-fault-sites.py [--jobs N] [--humaneval]"""
import collections
import gzip
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
SERVER = os.path.join(ROOT, 'src', 'sandbox', 'python', 'server.py')
HUMANEVAL = os.path.join(ROOT, '..', 'shared', 'data', 'humaneval', 'HumanEval.jsonl.gz')
WARM_UP_JOBS = 20  # run before recording: the oracle is up and the server's caches are warm
PERF_START_S = 1.0  # time perf gets to attach before the recorded jobs
JOB_TIMEOUT_MS = 3000  # limits as bench/sandbox-cpu.ts gives its jobs: 3 s, and a 2 GiB address space
JOB_MEMORY_BYTES = 2 ** 31
# x86 page-fault error code bits (what the exceptions:page_fault_user tracepoint prints).
PF_PRESENT, PF_WRITE, PF_INSTR = 0x1, 0x2, 0x10
PAGE = os.sysconf('SC_PAGE_SIZE')


def jobs(n, humaneval):
    if not humaneval:
        job = {'kind': 'tests', 'program': {'candidate': 'def add(a, b):\n    return a + b\n'}, 'entryPoint': 'add',
               'tests': {'kind': 'assert-list', 'asserts': ['assert add(1, 2) == 3']}}
        return [dict(job, timeoutMs=JOB_TIMEOUT_MS, memoryBytes=JOB_MEMORY_BYTES) for _ in range(n)]
    tasks = [json.loads(line) for line in gzip.open(HUMANEVAL, 'rt')]
    return [{'kind': 'tests', 'program': {'candidate': t['prompt'] + t['canonical_solution'], 'helpers': t['prompt']},
             'entryPoint': t['entry_point'], 'tests': {'kind': 'check-function', 'code': t['test'], 'checkFunction': 'check'},
             'timeoutMs': JOB_TIMEOUT_MS, 'memoryBytes': JOB_MEMORY_BYTES} for t in (tasks[i % len(tasks)] for i in range(n))]


def kind_of(code):
    if code & PF_INSTR:
        return 'instruction fetch'
    if code & PF_WRITE:
        return 'write, page present (copy-on-write or reuse)' if code & PF_PRESENT else 'write, page absent'
    return 'read'


def main():
    n = int(sys.argv[sys.argv.index('--jobs') + 1]) if '--jobs' in sys.argv else 500
    humaneval = '--humaneval' in sys.argv
    env = {'PYTHONHASHSEED': '0', 'PYTHONDONTWRITEBYTECODE': '1', 'PYTHONNOUSERSITE': '1', 'LD_BIND_NOW': '1',
           'PATH': '/usr/bin:/bin'}
    # The jobs' tests go to the oracle on the server's fd 3 (server.py SECRETS_FD), as the pool sends them.
    secrets_r, secrets_w = os.pipe()
    server = subprocess.Popen([sys.executable, '-S', '-s', '-B', SERVER, '--drop-uid'], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, env=env, pass_fds=(3,),
                              preexec_fn=None if secrets_r == 3 else (lambda: os.dup2(secrets_r, 3)))
    os.close(secrets_r)
    server.stdout.readline()
    todo = jobs(WARM_UP_JOBS + n, humaneval)

    def run(batch, first_id):
        for i, job in enumerate(batch):
            job = dict(job, id=first_id + i)
            tests = job.pop('tests')
            body = json.dumps({'id': job['id'], 'tests': tests}).encode()
            os.write(secrets_w, b'%015d\n' % len(body) + body)
            job['testCount'] = 1 if tests['kind'] == 'check-function' else len(tests['asserts'])
            server.stdin.write((json.dumps(job) + '\n').encode())
            server.stdin.flush()
            result = json.loads(server.stdout.readline())
            if result['verdict']['status'] != 'passed':
                sys.exit('job %d: %s' % (first_id + i, result['verdict']))

    run(todo[:WARM_UP_JOBS], 0)
    with open('/proc/%d/task/%d/children' % (server.pid, server.pid)) as f:
        oracles = set(f.read().split())
    regions = []
    with open('/proc/%d/maps' % server.pid) as f:
        for line in f:
            parts = line.split()
            start, end = (int(x, 16) for x in parts[0].split('-'))
            regions.append((start, end, '%s %s' % (parts[5].rsplit('/', 1)[-1] if len(parts) > 5 else '[anonymous]', parts[1])))
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, 'perf.data')
        perf = subprocess.Popen(['perf', 'record', '-q', '-e', 'exceptions:page_fault_user', '-o', data,
                                 '-p', str(server.pid)], stderr=subprocess.DEVNULL)
        time.sleep(PERF_START_S)
        run(todo[WARM_UP_JOBS:], WARM_UP_JOBS)
        perf.send_signal(signal.SIGINT)
        perf.wait()
        script = subprocess.run(['perf', 'script', '-i', data, '-F', 'pid,trace'], capture_output=True, text=True).stdout
    server.stdin.close()
    server.wait()
    counts = collections.Counter()
    candidates = set()
    written = collections.defaultdict(set)  # candidate pid -> pages of the server's it wrote
    for line in script.splitlines():
        m = re.match(r'\s*(\d+)\s+address=0x([0-9a-f]+) ip=0x[0-9a-f]+ error_code=0x([0-9a-f]+)', line)
        if not m:
            continue
        pid, address, code = m.group(1), int(m.group(2), 16), int(m.group(3), 16)
        role = 'server' if pid == str(server.pid) else 'oracle' if pid in oracles else 'candidates'
        if role == 'candidates':
            candidates.add(pid)
            if code & PF_WRITE and code & PF_PRESENT:
                written[pid].add(address // PAGE)
        region = next((name for start, end, name in regions if start <= address < end), 'outside the server\'s maps')
        counts[(role, region, kind_of(code))] += 1
    print('%d %s jobs, %d candidates traced; page faults per job (load %.1f):' % (
        n, 'HumanEval reference' if humaneval else 'trivial', len(candidates), os.getloadavg()[0]))
    for role in ('server', 'oracle', 'candidates'):
        rows = [(c, k) for k, c in counts.items() if k[0] == role]
        print('  %s: %.0f' % (role, sum(c for c, _ in rows) / n))
        for c, k in sorted(rows, reverse=True):
            if c / n >= 1:
                print('    %6.1f  %-55s %s' % (c / n, k[1], k[2]))
    if written:
        every = sorted(set.intersection(*written.values()))
        runs = sum(1 for i, page in enumerate(every) if i == 0 or page != every[i - 1] + 1)
        print('  pages every candidate wrote: %d, in %d runs of consecutive pages' % (len(every), runs))


if __name__ == '__main__':
    main()
