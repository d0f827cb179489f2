"""Per-phase timestamps of each job, for profiling the sandbox's processes. Off (every call a no-op
test of `ON`) unless the server starts with BENCH_AUDIT_SANDBOX_PROFILE naming a file: the server,
each candidate and the oracle then append one line per job to it through an fd opened before any
job (writing to an open fd needs no Landlock right). Clock: CLOCK_MONOTONIC (perf_counter_ns on
Linux), the same in every process, so phases of the three processes line up."""

import os
import time

LOG_FD = 105  # where the log's fd sits in a job's processes (above the candidate's pipes)

_path = os.environ.get('BENCH_AUDIT_SANDBOX_PROFILE')
ON = bool(_path)
_marks = []
_now = time.perf_counter_ns


def open_log():
    """The log's fd in the server (before the environment is scrubbed), or None when profiling is off."""
    if not ON:
        return None
    fd = os.open(_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
    os.dup2(fd, LOG_FD, inheritable=False)
    os.close(fd)
    return LOG_FD


def mark(name):
    _marks.append((name, _now()))


def flush(role, job_id):
    """One line: role, job id, then name=ns for each mark since the last flush."""
    if not _marks:
        return
    line = '%s %s %s\n' % (role, job_id, ' '.join('%s=%d' % m for m in _marks))
    _marks.clear()
    try:
        os.write(LOG_FD, line.encode('ascii'))
    except OSError:
        pass


def reset():
    _marks.clear()
