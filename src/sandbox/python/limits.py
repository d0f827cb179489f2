"""Resource limits of a job's processes (rlimits and CPU timers)."""

import errno
import math
import resource
import signal

FSIZE_BYTES = 16 * 1024 * 1024  # files a job may write: enough for scratch files, not to fill a disk
NOFILE = 256  # open files per job: a test needs a handful
NPROC = 32  # processes per job uid: a test needs none; bounds a fork bomb (enforced for non-root uids only)
CPU_SLACK_S = 1  # CPU rlimit = ceil(timeout) + this; the wall-clock timer normally fires first
# A program can ignore SIGPROF (the CPU timer) and SIGXCPU (the rlimit's soft end) but not SIGKILL, which the kernel
# sends at the hard end: one second past the soft one, so that a program that ends on SIGXCPU still says why.
CPU_KILL_AFTER_S = 1


def hard_limits():
    """Hard resource limits of the server, read once: a job's limits are capped at them."""
    out = {}
    for which in (resource.RLIMIT_CPU, resource.RLIMIT_FSIZE, resource.RLIMIT_NOFILE, resource.RLIMIT_CORE,
                  resource.RLIMIT_NPROC, resource.RLIMIT_AS):
        try:
            out[which] = resource.getrlimit(which)[1]
        except (ValueError, OSError):
            pass
    return out


_HARD_LIMITS = hard_limits()


# Limits every process of a job has (a job's candidate and the long-lived oracle alike).
FIXED_LIMITS = ((resource.RLIMIT_FSIZE, FSIZE_BYTES), (resource.RLIMIT_NOFILE, NOFILE),
                (resource.RLIMIT_CORE, 0), (resource.RLIMIT_NPROC, NPROC))


def _set_hard(limits, hard):
    """Each (limit, value) as both soft and hard limit, capped at the server's own hard limit."""
    for which, value in limits:
        cap = hard.get(which, resource.RLIM_INFINITY)
        if cap != resource.RLIM_INFINITY and value > cap:
            value = cap
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass


def set_limits(timeout_s, memory_bytes, hard=_HARD_LIMITS):
    limits = [(resource.RLIMIT_CPU, int(math.ceil(timeout_s)) + CPU_SLACK_S)] + list(FIXED_LIMITS)
    if memory_bytes:
        limits.append((resource.RLIMIT_AS, memory_bytes))
    _set_hard(limits, hard)


def set_oracle_limits(hard=_HARD_LIMITS):
    """The long-lived oracle's fixed limits, once when it starts (the same values as a job's)."""
    _set_hard(FIXED_LIMITS, hard)


def set_oracle_job_limits(timeout_s, memory_bytes, hard=_HARD_LIMITS):
    """A job's CPU and memory limits in the long-lived oracle: soft limits only, so that the next
    job can have its own. CPU time adds up over the oracle's life, so its limit is the time used
    so far plus the job's allowance."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu = int(math.ceil(used.ru_utime + used.ru_stime + timeout_s)) + CPU_SLACK_S
    for which, value in ((resource.RLIMIT_CPU, cpu), (resource.RLIMIT_AS, memory_bytes or resource.RLIM_INFINITY)):
        cap = hard.get(which, resource.RLIM_INFINITY)
        if cap != resource.RLIM_INFINITY and (value == resource.RLIM_INFINITY or value > cap):
            value = cap
        try:
            resource.setrlimit(which, (value, cap))
        except (ValueError, OSError):
            pass


def cpu_rlimit_s(job):
    """The soft CPU rlimit (seconds) of a job whose CPU limit covers its whole run, None otherwise. ITIMER_PROF
    decides such a job's CPU limit (to the millisecond, and first: this is at least a second later), but a program
    can ignore SIGPROF; without this its wall clock (10x) would end it. Per-call limits re-arm the timer for each
    call (their total is not known here) and call jobs have per-input limits: those keep the wall-based rlimit."""
    cpu_limit_ms = job.get('cpuLimitMs', 0)
    if not cpu_limit_ms or job.get('kind') == 'call' or job.get('callLimits'):
        return None
    return int(math.ceil(cpu_limit_ms / 1000.0)) + CPU_SLACK_S


def _lower_cpu_rlimit(soft_s, hard=_HARD_LIMITS):
    """RLIMIT_CPU to (soft, soft + CPU_KILL_AFTER_S) where that is lower than what set_limits gave."""
    cap = hard.get(resource.RLIMIT_CPU, resource.RLIM_INFINITY)
    hard_s = soft_s + CPU_KILL_AFTER_S
    if cap != resource.RLIM_INFINITY and hard_s > cap:
        return
    try:
        current = resource.getrlimit(resource.RLIMIT_CPU)[1]
        if current == resource.RLIM_INFINITY or hard_s < current:
            resource.setrlimit(resource.RLIMIT_CPU, (soft_s, hard_s))
    except (ValueError, OSError):
        pass


def apply_candidate_limits(job, timeout_s, memory_bytes):
    """Every limit of the candidate's process, in one place, right after its fork and before any of
    its code runs (process-wide confinement is added here too)."""
    set_limits(timeout_s, memory_bytes)
    soft_s = cpu_rlimit_s(job)
    if soft_s is not None:
        _lower_cpu_rlimit(soft_s)
    # SIGPIPE and SIGTERM are at their default in the server already, and a forked child
    # inherits that: nothing to reset here.
    cpu_limit_ms = job.get('cpuLimitMs', 0)
    if cpu_limit_ms and job.get('kind') != 'call':
        # CPU time, not wall time: a tight limit that machine load does not trip. SIGPROF's
        # default action ends the process; the server reads that as a timeout.
        signal.signal(signal.SIGPROF, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_PROF, cpu_limit_ms / 1000.0)


def limit_error(exc):
    """Exceptions that mean a resource limit was hit rather than a wrong answer."""
    if isinstance(exc, MemoryError):
        return 'memory'
    if isinstance(exc, OSError) and exc.errno in (errno.EFBIG, errno.ENOSPC, errno.EMFILE, errno.EAGAIN):
        return 'resource'
    return None
