"""The verdict of a job, decided in the server from what only the oracle can write (its records on
the result channel, carrying the job's nonce), the two processes' exit statuses and the clock."""

import json
import os
import signal

from limits import cpu_rlimit_s

# Reasons the oracle gives when the candidate could not answer; refined with the candidate's status.
CANDIDATE_ENDED = 'candidate-ended'


def parse_records(raw, nonce):
    """(records, forged count) from the result channel's bytes."""
    prefix = nonce + ' '
    records = []
    forged = 0
    for line in raw.split(b'\n'):
        if not line:
            continue
        text = line.decode('utf-8', 'replace')
        if not text.startswith(prefix):
            forged += 1
            continue
        try:
            record = json.loads(text[len(prefix):])
        except ValueError:
            forged += 1
            continue
        if type(record) is not dict:
            forged += 1
            continue
        records.append(record)
    return records, forged


def signal_verdict(job, status, completed, cpu_ms=None):
    """The verdict for a process killed by a signal (a limit it hit, or another signal). A SIGKILL after at
    least the CPU rlimit's soft end is the kernel's, at its hard end: a program that ignored SIGPROF and SIGXCPU."""
    sig = os.WTERMSIG(status)
    rlimit_s = cpu_rlimit_s(job)
    if sig == signal.SIGXCPU or (sig == signal.SIGPROF and job.get('cpuLimitMs')) or \
            (sig == signal.SIGKILL and rlimit_s is not None and cpu_ms is not None and cpu_ms >= rlimit_s * 1000):
        return {'status': 'timeout', 'completed': completed, 'reason': 'cpu-limit'}
    reason = 'file-size-limit' if sig == signal.SIGXFSZ else 'signal'
    try:
        name = signal.Signals(sig).name
    except ValueError:
        name = str(sig)
    return {'status': 'error', 'reason': reason, 'signal': name}


def decide(job, nonce, outcome):
    """{'verdict', 'outputs', 'coverage'?} from the oracle's records and the processes' ends.
    `outcome`: timed_out, result (bytes), result_dropped, oracle_status, candidate_status."""
    records, forged = parse_records(outcome['result'], nonce)
    outputs = [r for r in records if r.get('type') == 'output']
    ends = [r for r in records if r.get('type') == 'end']
    result = {'outputs': [{k: v for k, v in o.items() if k != 'type'} for o in outputs]}
    # A call job's completed outputs, or the stages a tests job reported passed (its `progress` / `stage`).
    completed = len(outputs) + sum(1 for r in records if r.get('type') == 'progress')
    if outcome['timed_out']:
        result['verdict'] = {'status': 'timeout', 'completed': completed}
        return result
    if forged or outcome['result_dropped'] or len(ends) > 1:
        result['verdict'] = {'status': 'error', 'reason': 'tampered',
                             'message': 'the result channel carried records the oracle did not write'}
        return result
    oracle = outcome['oracle_status']
    if oracle is None or os.WIFSIGNALED(oracle) or os.WEXITSTATUS(oracle) != 0 or not ends:
        # The oracle runs no program code; it ends early only on a limit (memory of a huge value) or a bug.
        detail = ('signal %s' % os.WTERMSIG(oracle)) if oracle is not None and os.WIFSIGNALED(oracle) else \
            ('exit %s' % os.WEXITSTATUS(oracle)) if oracle is not None else 'not reaped'
        result['verdict'] = {'status': 'error', 'reason': 'no-verdict',
                             'message': 'the tests ended without a verdict (%s)' % detail}
        return result
    end = ends[0]
    status = end.get('status')
    if job.get('callLimits') and type(end.get('countedCalls')) is list:
        # Line events of the calls counted under the job's per-call limits: [call index, count] pairs.
        result['countedCalls'] = end['countedCalls']
    if status == 'error' and end.get('reason') == CANDIDATE_ENDED:
        cand = outcome['candidate_status']
        if cand is not None and os.WIFSIGNALED(cand):
            result['verdict'] = signal_verdict(job, cand, completed, outcome.get('cpu_ms'))
        else:
            result['verdict'] = {'status': 'error', 'reason': 'no-verdict',
                                 'exitCode': os.WEXITSTATUS(cand) if cand is not None else None,
                                 'message': 'the program ended before the tests finished'}
        return result
    if status == 'passed':
        expected = expected_count(job, end, result['outputs'])
        if end.get('ran') != expected:
            result['verdict'] = {'status': 'error', 'reason': 'harness',
                                 'message': 'the tests ran %s of %s' % (end.get('ran'), expected)}
            return result
        result['verdict'] = {'status': 'passed'}
        if end.get('coverage') is not None:
            result['coverage'] = end['coverage']
        return result
    if status == 'timeout' and end.get('reason') == 'step-cap' and job.get('candidateSteps'):
        # The candidate's calls spent the job's step budget: a timeout decided by a count, not a clock. `completed`
        # counts the stages that passed before it, as for any timeout (where the original tests inside ended).
        result['verdict'] = {'status': 'timeout', 'completed': completed, 'reason': 'step-cap'}
        return result
    stop = end.get('callStop')
    if status == 'timeout' and end.get('reason') == 'call-stop' and job.get('callLimits') and type(stop) is dict:
        # A call the per-call limits could not decide (`cpu`: rerun it counted) or decided a timeout (its cap, or its
        # CPU backstop: work in C).
        result['callStop'] = {'index': stop.get('index'), 'by': stop.get('by')}
        result['verdict'] = {'status': 'timeout', 'completed': completed,
                             'reason': 'step-cap' if stop.get('by') == 'step-cap' else 'cpu-limit'}
        return result
    if status in ('failed', 'error'):
        result['verdict'] = {k: v for k, v in end.items() if k not in ('type', 'ran', 'coverage', 'countedCalls')}
        return result
    result['verdict'] = {'status': 'error', 'reason': 'harness', 'message': 'an end record of unknown status'}
    return result


def expected_count(job, end=None, outputs=()):
    kind = job['kind']
    if kind in ('tests', 'examples'):
        # Node's count: the tests themselves go to the oracle only (server.py SECRETS_FD).
        return job.get('testCount')
    if kind == 'call':
        start = job.get('startIndex', 0)
        stopped = end.get('stoppedAt') if end else None
        # A call job told to stop early may end only right after an output for that input which is not 'same'.
        if (job.get('stopOnDifference') or job.get('stopAfterCpuMs') or job.get('stopAfterDifferences')) and stopped is not None:
            last = outputs[-1] if outputs else None
            if type(stopped) is int and start <= stopped < len(job['inputs']) and last is not None \
                    and last.get('index') == stopped and last.get('status') != 'same':
                return stopped - start + 1
            return -1
        return len(job['inputs']) - start
    return None
