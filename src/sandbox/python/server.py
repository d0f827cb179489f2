"""bench-audit sandbox fork-server.

One long-lived interpreter per pool worker. It reads jobs as JSON lines on stdin and runs each
between two processes: the candidate's, forked for the job (the program under test: reference,
mutant or sample, with its limits), and the oracle (the benchmark's tests, test_harness.py), a
long-lived process of its own forked from this server, under another uid, that gets each job and
the job's pipes over a private socket (SCM_RIGHTS). The oracle alone holds the result channel; it
reaches the candidate only through calls whose arguments and results cross as plain data
(encoding.py). Modules the benchmarks use are imported once here, before any fork, so a job costs
one fork, not a start-up.

The oracle carries nothing from one job to the next that a candidate could have shaped: a
candidate only sends data, which the oracle decodes into plain values that die with the job's
namespace; and after each job the oracle compares its process state (modules, their attributes,
builtins, sys settings, environment, signal handlers, peak memory) with what it had when it
started (random's state it restores), and exits on any difference, so the next job gets a fresh
one (see oracle_loop). It is also replaced after a timeout, a harness error, or ORACLE_JOBS_CAP jobs.

The verdict is decided here (verdict.py) from the records the oracle writes on the job's private
result pipe, each prefixed with a per-job random nonce made after the candidate's fork (so its
memory never held it), the oracle's word that it finished the job, and the candidate's exit status.
The job and its fds go to the oracle before the candidate's fork (the server's writes for it then fault
while no candidate shares its pages, and the oracle reads the job while the candidate starts); the
nonce follows on the same socket after the fork, and the oracle waits for it before the job's first record.

Protocol (one JSON object per line):
  parent -> server: {"id", "kind": "tests"|"call"|"examples", "timeoutMs", "memoryBytes", ...}
  server -> parent: {"type": "ready", ...} once, then {"type": "result", "id", "verdict", ...}
  per job; a line that is not a job gets {"type": "result", "id": <its id or null>, "verdict":
  {"status": "error", "reason": "protocol-error"}}.
"""

import _signal
import _socket
import functools
import gc
import itertools
import json
import operator
import os
import select
import signal
import stat
import sys
import time
import resource


# The server runs with -S: site-packages stay importable, but their .pth files and sitecustomize
# are not run. Those can import anything into every job (here a .pth pulls in certifi, zipfile and
# threading), and modules that register at-fork hooks (threading, random) make every fork and exit
# slower: threading alone adds ~0.3 ms to each job. random and tempfile are not imported here for
# the same reason (os.urandom gives the server its random numbers; TMPDIR steers a job's tempfile).
if sys.flags.no_site:
    import site  # with -S, importing site only defines functions; its main() is not run
    sys.path.extend(p for p in site.getsitepackages() if os.path.isdir(p) and p not in sys.path)

# Modules benchmark solutions commonly import (HumanEval prompts start with `from typing import
# List`; MBPP uses re, math, collections, heapq, itertools): loaded once before forking so jobs
# start warm. Kept short: every preloaded page makes each fork slower (~1 ms for 7 MB on 2 cores).
PRELOAD = ('bisect', 'collections', 'functools', 'heapq', 'itertools', 'math', 'operator', 're', 'string', 'typing')
for _name in PRELOAD:
    try:
        __import__(_name)
    except Exception:  # an optional module (e.g. `regex`) that is not installed
        pass


OUTPUT_CAP = 64 * 1024  # bytes of stdout/stderr kept per job; the rest is counted and dropped
RESULT_CAP = 8 * 1024 * 1024  # bytes of oracle records read per job (call jobs stream outputs)
KILL_GRACE_S = 0.5  # after SIGKILL, how long to wait for a process to be reaped
LEFTOVER_ROUNDS = 100000  # kill-and-reap rounds after a job; each round takes a fraction of a ms
# Where the candidate's pipes sit in its process: above stdio, below NOFILE.
CANDIDATE_IN_FD, CANDIDATE_OUT_FD = 100, 101
RULESET_FD = 104  # the candidate's prepared Landlock ruleset, closed once enforced
ORACLE_UID_OFFSET = 1  # the oracle runs as the job uid + this: the candidate cannot signal or trace it
ORACLE_CONTROL_FD = 3  # the oracle's end of its socket to the server
# The jobs' secrets (tests, examples, expected digests) come from Node on the server's fd 3 and are read by the oracle
# alone (its fd 4), never by the server: a candidate is a fork of the server and can read all the server's memory.
SECRETS_FD, ORACLE_SECRETS_FD = 3, 4
SECRET_HEADER = 16  # a frame's header: its body's byte length as zero-padded decimal digits, then a newline
ORACLE_JOBS_CAP = 1000  # jobs one oracle runs before it is replaced: bounds what slow leaks (caches) add up to
ORACLE_RSS_GROWTH_KIB = 64 * 1024  # peak memory growth after which the oracle is replaced, so a huge value cannot leave it short
# Modules the oracle's harness imports lazily (contracts, deep copies, examples), and stateless ones that
# programs import (the oracle then imports them too): imported when the oracle starts, so that their first
# use does not count as a change of its state (which would replace the oracle after every such job).
ORACLE_PRELOAD = ('ast', 'copy', 'math', 'textwrap', 'cmath', 'hashlib', 'array', 'random')
# What the oracle tells the server after a job, on its socket.
ORACLE_KEEP, ORACLE_RETIRE, ORACLE_FAILED = b'k', b'r', b'x'
ORACLE_TIMEOUT_GRACE_S = 0.1  # after a timeout, how long the oracle may take to end the job before it is replaced
ORACLE_HEADER = 8  # bytes of the job message's length, sent with the job's fds
NONCE_BYTES = 32  # the job's nonce as sent to the oracle after the candidate's fork: 16 random bytes in hex
ORACLE_JOB_FDS = 5  # out, err, result, to-candidate, from-candidate
HARNESS_EXIT = 70  # exit status of a process whose harness failed (EX_SOFTWARE)
PR_SET_PDEATHSIG = 1  # prctl option: a signal when the parent dies
PR_SET_DUMPABLE = 4  # prctl option: 0 keeps same-uid processes out of /proc/<pid>/mem and ptrace

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import encoding  # noqa: E402
from call_harness import candidate_main  # noqa: E402
from limits import apply_candidate_limits, set_oracle_job_limits, set_oracle_limits  # noqa: E402
from verdict import decide  # noqa: E402
# The oracle's harness (with ast), imported here although only the oracle uses it: an oracle is started
# inside a job's time (after a timeout, a retirement), and importing it there took ~0.1 s under load,
# enough for a short job to time out while its oracle was still starting (and the next, and so on).
import test_harness  # noqa: E402
import confine  # noqa: E402
import confine_mounts  # noqa: E402
import phase_log  # noqa: E402
from phase_log import mark  # noqa: E402

_fork = os.fork

COMPILED_CAP = 64  # test sources kept compiled in the server: the mutants of a task run one after another


def prepare_tests(job, cache):
    """The benchmark's test code compiled once in the oracle and reused by every job that runs the
    same tests (all mutants of a task). Compiling runs no code."""
    tests = job.get('tests') if job.get('kind') == 'tests' else None
    if type(tests) is not dict:
        return
    if tests.get('kind') == 'check-function':
        sources = [(tests.get('code', ''), '<tests>')]
    else:
        sources = [(text, '<assert %d>' % i) for i, text in enumerate(tests.get('asserts', ()))]
    for source, filename in sources:
        key = (source, filename)
        hit = cache.pop(key, None)
        if hit is None:
            try:
                hit = compile(source, filename, 'exec')
            except SyntaxError as exc:
                hit = exc
            except BaseException:  # left to the job, which compiles it itself and reports why
                continue
            while len(cache) >= COMPILED_CAP:
                cache.pop(next(iter(cache)))
        cache[key] = hit


def random_in(low, high):
    """A random integer in [low, high) from os.urandom (64 bits: the modulo bias is negligible)."""
    return low + int.from_bytes(os.urandom(8), 'little') % (high - low)


def fresh_directory(parent, prefix):
    """A new private directory under `parent` with a random name (what tempfile.mkdtemp does)."""
    while True:
        path = os.path.join(parent, prefix + os.urandom(8).hex())
        try:
            os.mkdir(path, 0o700)
            return path
        except FileExistsError:
            continue


def job_environment(workdir):
    return {'PATH': '/usr/bin:/bin', 'HOME': workdir, 'TMPDIR': workdir, 'LANG': 'C.UTF-8', 'LC_ALL': 'C.UTF-8'}


def module_attributes():
    """Every loaded module's attributes, and those of the Python classes it defines, as (live mapping, copy)
    pairs: what a test could rebind (`math.pi = 3`, `random.random = f`, `collections.Counter.__eq__ = g`)
    and a later job use. Checked by unchanged_attributes."""
    out = []
    for name, module in list(sys.modules.items()):
        attrs = getattr(module, '__dict__', None)
        if type(attrs) is not dict:
            continue
        out.append((attrs, dict(attrs)))
        for value in attrs.values():
            if type(value) is type and getattr(value, '__module__', None) == name:
                out.append((vars(value), dict(vars(value))))
    return out


def oracle_dicts():
    """module_attributes (builtins' among them), and the oracle's other dicts a job could change: sys.modules
    (a module added or replaced) and os.environ's own mapping of encoded names and values (every change
    through os.environ lands in it; a replaced os.environ is a rebound module attribute). Comparing that
    mapping directly is one dict comparison (os.environ's Mapping.__eq__ decodes every entry)."""
    return module_attributes() + [(sys.modules, dict(sys.modules)), (os.environ._data, dict(os.environ._data))]


def unchanged_attributes(pairs):
    """Whether every mapping still equals its copy. == compares values by identity first, so a module's
    own caches (re's, typing's) filling up is no change, and a rebound attribute (a new object) is."""
    for live, copy in pairs:
        if live != copy:
            return False
    return True


DICT_USED_OFFSET = 16  # CPython's PyDictObject: ob_refcnt, ob_type, then ma_used (Py_ssize_t)
DICT_VERSION_OFFSET = 24  # then ma_version_tag (uint64, PEP 509): changes whenever the dict does
VERSION_SELF_TEST_ROUNDS = 3  # mutations of a probe dict that must each move its version before versions are trusted


class AttributeWatch:
    """unchanged_attributes made cheap: each watched dict's version tag (PEP 509, read through ctypes) is
    compared first, ~30x cheaper than comparing ~11,000 entries (~1 ms of every job). A dict whose version
    moved is compared in full, and the verdict is that comparison's, so the answer is unchanged_attributes'
    own; an unmoved version means the dict did not change at all. Used only where this interpreter passes a
    self-test (the layout is CPython's, 3.6-3.13); elsewhere every dict is compared in full."""

    def __init__(self, pairs):
        self.pairs = pairs
        self.tags = None
        try:
            import ctypes
            import gc as gc_module
            if sys.implementation.name != 'cpython' or not self._self_test(ctypes):
                return
            tags = []
            for live, _copy in pairs:
                target = live if type(live) is dict else next(
                    (r for r in gc_module.get_referents(live) if type(r) is dict), None)
                if target is None or ctypes.c_ssize_t.from_address(id(target) + DICT_USED_OFFSET).value != len(target):
                    return
                tags.append(ctypes.c_uint64.from_address(id(target) + DICT_VERSION_OFFSET))
            self.tags = tags
            self.read = self._gather(ctypes, [ctypes.addressof(t) for t in tags])
            self.snapshot = self.read()
            # Bound now, before any job: the check must not call builtins a job may have rebound (len, map).
            self.moved = functools.partial(itertools.compress, range(len(tags)))
            self.differ = functools.partial(map, operator.ne)
        except Exception:
            self.tags = None

    @staticmethod
    def _gather(ctypes, addresses):
        """A function that reads every tag at once as a tuple: one itemgetter call over a memoryview of 64-bit
        words that spans the tags' addresses (a C loop; each tag's ctypes `.value` costs ~0.1 us of Python, and
        there are ~600 of them). Only the tags' own words are ever read; each is in a dict the watch keeps alive."""
        if not addresses:
            return tuple
        base = min(addresses)
        words = memoryview((ctypes.c_char * (max(addresses) + 8 - base)).from_address(base)).cast('B').cast('Q')
        offsets = [(a - base) // 8 for a in addresses]
        if len(offsets) == 1:  # itemgetter of one index returns the item itself, not a tuple
            return lambda: (words[offsets[0]],)
        get = operator.itemgetter(*offsets)
        return lambda: get(words)

    @staticmethod
    def _self_test(ctypes):
        probe = {'a': 0}
        used = ctypes.c_ssize_t.from_address(id(probe) + DICT_USED_OFFSET)
        tag = ctypes.c_uint64.from_address(id(probe) + DICT_VERSION_OFFSET)
        for i in range(VERSION_SELF_TEST_ROUNDS):
            for change in (lambda: probe.__setitem__('a', object()), lambda: probe.__setitem__(i, i),
                           lambda: probe.pop(i)):
                before = tag.value
                change()
                if tag.value == before or used.value != len(probe):
                    return False
        return True

    def unchanged(self):
        if self.tags is None:
            return unchanged_attributes(self.pairs)
        now = self.read()
        if now == self.snapshot:
            return True
        # Some dicts moved (sys.modules does in every job: the tests' module is __main__ while they run). Only
        # those are compared, found without a Python loop over all of them.
        pairs = self.pairs
        for i in self.moved(self.differ(now, self.snapshot)):
            live, copy = pairs[i]
            if live != copy:
                return False
        self.snapshot = now  # rewritten with equal values: no change, as for unchanged_attributes
        return True


WATCHED_SIGNALS = (signal.SIGALRM, signal.SIGPROF, signal.SIGINT, signal.SIGTERM)  # handlers a job could set in the oracle


def oracle_state():
    """What a job could change in the oracle's process and a later job could notice. Compared after
    each job with the state when the oracle started: any difference retires the oracle. sys.modules,
    os.environ's mapping and builtins are dicts, watched with the modules' attributes (oracle_dicts)."""
    # _signal's getsignal: the handler itself, without signal.getsignal's conversion to an enum member.
    handlers = tuple(map(_signal.getsignal, WATCHED_SIGNALS))
    return (sys.getrecursionlimit(), sys.get_int_max_str_digits() if hasattr(
        sys, 'get_int_max_str_digits') else None, sys.gettrace(), sys.getprofile(), tuple(sys.path),
        handlers, signal.getitimer(signal.ITIMER_REAL),
        signal.getitimer(signal.ITIMER_PROF), os.getcwd())


def send_job(sock, payload, fds):
    """A job to the oracle: its length with the job's fds attached (SCM_RIGHTS), then its bytes."""
    header = len(payload).to_bytes(ORACLE_HEADER, 'big')
    rights = b''.join(fd.to_bytes(4, sys.byteorder, signed=True) for fd in fds)
    sent = sock.sendmsg([header], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, rights)])
    if sent != len(header):
        sock.sendall(header[sent:])
    sock.sendall(payload)


def _read_exact(fd, size):
    chunks = []
    while size > 0:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise OSError('the secrets pipe closed')
        chunks.append(chunk)
        size -= len(chunk)
    return b''.join(chunks)


def receive_secrets(fd, job):
    """Put the job's secrets into it: the next frame with its id, skipping those of earlier jobs (an oracle that ended
    before it read its job's frame). Frames are read exactly, never ahead: a fresh oracle starts at the next one."""
    while True:
        header = _read_exact(fd, SECRET_HEADER)
        if header[-1:] != b'\n' or not header[:-1].isdigit():
            raise OSError('a malformed secrets frame header')
        frame = json.loads(_read_exact(fd, int(header[:-1])))
        if type(frame) is not dict or type(frame.get('id')) is not int:
            raise OSError('a secrets frame without an id')
        if frame['id'] == job.get('id'):
            frame.pop('id')
            job.update(frame)
            return
        if frame['id'] > job.get('id', 0):
            raise OSError('the secrets of job %s came before those of job %s' % (frame['id'], job.get('id')))


def receive_job(sock):
    """(payload, fds) from the server, or None when the server closed the socket."""
    header = b''
    fds = []
    space = _socket.CMSG_SPACE(4 * ORACLE_JOB_FDS)
    while len(header) < ORACLE_HEADER:
        data, ancillary, flags, _addr = sock.recvmsg(ORACLE_HEADER - len(header), space)
        for level, kind, raw in ancillary:
            if level == _socket.SOL_SOCKET and kind == _socket.SCM_RIGHTS:
                fds.extend(int.from_bytes(raw[i:i + 4], sys.byteorder, signed=True) for i in range(0, len(raw) - 3, 4))
        if flags & _socket.MSG_CTRUNC:
            for fd in fds:
                os.close(fd)
            raise OSError('the job came with more fds than expected')
        if not data:
            return None
        header += data
    size = int.from_bytes(header, 'big')
    chunks = []
    while size > 0:
        chunk = sock.recv(min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b''.join(chunks), fds


def receive_nonce(sock):
    """The job's nonce, sent by the server once it has forked the job's candidate; None when the server closed the socket."""
    data = b''
    while len(data) < NONCE_BYTES:
        chunk = sock.recv(NONCE_BYTES - len(data))
        if not chunk:
            return None
        data += chunk
    return data.decode('ascii')


class Oracle:
    """The server's handle on the long-lived oracle process (None until started, and after it ended)."""

    def __init__(self, pid, sock):
        self.pid = pid
        self.sock = sock
        self.status = None  # its wait status once reaped (by reap_leftovers)


def oracle_loop(server, ctl):
    """The oracle's process: jobs from the server until it closes the socket or a job leaves a trace."""
    if server.uid is not None:
        uid = server.uid + ORACLE_UID_OFFSET
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    if server.prctl is not None:
        server.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    server.die_with_server()
    # A write to a candidate that has ended fails (EPIPE) instead of ending the oracle: the link then
    # breaks as 'candidate-ended' (test_harness.Link), and a call sent ahead is simply not sent.
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    os.chdir('/')
    sock = _socket.socket(fileno=ctl)
    for name in ORACLE_PRELOAD:
        __import__(name)
    set_oracle_limits()
    stdio = server.stdio
    sys.stdin, sys.stdout, sys.stderr = stdio
    quiet = os.open(os.devnull, os.O_WRONLY)
    own_stderr = os.dup(2)
    start_state = oracle_state()
    # Tests that draw random inputs without seeding (HumanEval's decode_cyclic) draw the same ones in every
    # job and every run: the generator starts each job from this state, seeded from the worker's hash seed.
    random = sys.modules['random']
    random.seed(int(server.hash_seed or 0) if server.hash_seed.isdigit() else 0)
    start_random = random.getstate()
    start_modules = AttributeWatch(oracle_dicts())
    start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    os.dup2(quiet, 1)
    jobs = 0
    phase_log.reset()  # marks the server had made before this fork
    while True:
        received = receive_job(sock)
        if received is None:
            os._exit(0)
        payload, fds = received
        if phase_log.ON:
            mark('o-received')
        word = ORACLE_FAILED
        try:
            if len(fds) != ORACLE_JOB_FDS:
                raise OSError('a job with %d fds' % len(fds))
            out_w, err_w, res_w, req_w, rsp_r = fds
            os.dup2(out_w, 1)
            os.dup2(err_w, 2)
            message = json.loads(payload)
            job = message['job']
            receive_secrets(ORACLE_SECRETS_FD, job)
            set_oracle_job_limits(message['timeout'], message['memory'])
            prepare_tests(job, test_harness.COMPILED)
            nonce = receive_nonce(sock)
            if nonce is None:
                os._exit(0)
            if phase_log.ON:
                mark('o-prepared')
            test_harness.oracle_job(job, nonce, res_w, req_w, rsp_r)
            if phase_log.ON:
                mark('o-job')
            word = ORACLE_KEEP
        except BaseException:
            try:
                import traceback
                traceback.print_exc()
            except BaseException:
                pass
        jobs += 1
        try:
            for stream in stdio[1:]:
                stream.flush()
        except BaseException:
            word = ORACLE_FAILED
        os.dup2(quiet, 1)
        os.dup2(own_stderr, 2)
        for fd in fds:
            try:
                os.close(fd)
            except OSError:
                pass
        if word == ORACLE_KEEP and (jobs >= ORACLE_JOBS_CAP or sys.stdin is not stdio[0] or sys.stdout is not stdio[1]
                                    or sys.stderr is not stdio[2] or oracle_state() != start_state
                                    or not start_modules.unchanged()
                                    or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > start_rss + ORACLE_RSS_GROWTH_KIB):
            word = ORACLE_RETIRE
        if word == ORACLE_KEEP:
            random.setstate(start_random)  # its functions are unchanged (module_attributes)
        if phase_log.ON:
            mark('o-checked')
        try:
            sock.sendall(word)
        except OSError:
            os._exit(0)
        if phase_log.ON:
            phase_log.flush('oracle', job.get('id') if word != ORACLE_FAILED and type(job) is dict else None)
        if word != ORACLE_KEEP:
            os._exit(0)


class Server:
    def __init__(self, drop_uid):
        self.pid = os.getpid()
        self.base = fresh_directory(os.environ.get('TMPDIR') or '/tmp', 'bench-audit-')
        os.chmod(self.base, 0o711)
        # A private uid per worker: the job cannot signal the server or touch its files, and the
        # process-count limit counts only this worker's job processes.
        self.uid = random_in(1_000_000, 2_000_000_000) if drop_uid else None
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            PR_SET_CHILD_SUBREAPER = 36
            self.subreaper = libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
        except Exception:
            self.subreaper = False
        self.devnull = os.open(os.devnull, os.O_RDONLY)
        self.oracle = None  # the long-lived oracle (Oracle), started before the first job
        self.prctl = None
        try:
            import ctypes
            self.prctl = ctypes.CDLL(None, use_errno=True).prctl
        except Exception:
            pass
        self.hash_seed = os.environ.get('PYTHONHASHSEED', '')
        # Every job works in the same path, created empty before it and removed after it (jobs of
        # a worker run one at a time), so the job environment (scrubbed; HOME and TMPDIR at the
        # job directory) is set here once and inherited, instead of rebuilt in every child.
        self.jobdir = os.path.join(self.base, 'job')
        self.jobdir_clean = False  # the job directory exists, empty and as created (make_workdir)
        os.environ.clear()
        os.environ.update(job_environment(self.jobdir))
        # The job's stdio objects, built once: the server never uses them, so their buffers are
        # empty at each fork (fds 0-2 are redirected in the child before they are reached).
        self.stdio = (open(0, 'r', closefd=False),
                      open(1, 'w', buffering=1, closefd=False, encoding='utf-8', errors='replace'),
                      open(2, 'w', buffering=1, closefd=False, encoding='utf-8', errors='replace'))

    def ready_record(self):
        return {'type': 'ready', 'pid': self.pid, 'python': '%d.%d.%d' % sys.version_info[:3],
                'uidDropped': self.uid is not None, 'subreaper': self.subreaper,
                'hashSeed': self.hash_seed, 'euid': os.geteuid()}

    def make_workdir(self):
        """The job directory, empty. The previous job's is reused when it left it as it found it
        (empty, same owner, same mode), which saves an rmdir and a mkdir (~0.2 ms) per job; else a
        fresh one is made, or a fresh unique one if a leftover could not be removed."""
        if self.jobdir_clean:
            self.jobdir_clean = False
            return self.jobdir
        try:
            os.mkdir(self.jobdir, 0o700)
            return self.jobdir
        except FileExistsError:
            self.remove_workdir(self.jobdir, reuse=False)
        try:
            os.mkdir(self.jobdir, 0o700)
            return self.jobdir
        except OSError:
            return fresh_directory(self.base, 'job-')

    def remove_workdir(self, workdir, reuse=True):
        if reuse and workdir == self.jobdir and self.unchanged(workdir):
            self.jobdir_clean = True
            return
        try:
            os.rmdir(workdir)  # the common case: the job left nothing behind
            return
        except OSError:
            pass
        import shutil
        shutil.rmtree(workdir, ignore_errors=True)
        if os.path.exists(workdir):
            self.force_remove(workdir)

    def unchanged(self, workdir):
        """The job directory is as a new one would be: no entries, mode 0700, owned by the job uid."""
        try:
            st = os.lstat(workdir)
            owner = self.uid if self.uid is not None else os.geteuid()
            if not stat.S_ISDIR(st.st_mode) or stat.S_IMODE(st.st_mode) != 0o700 or st.st_uid != owner:
                return False
            with os.scandir(workdir) as entries:
                return next(entries, None) is None
        except OSError:
            return False

    def start_oracle(self):
        """Fork the oracle, holding nothing but its end of a new socket."""
        mine, theirs = _socket.socketpair(_socket.AF_UNIX, _socket.SOCK_STREAM)
        pid = _fork()
        if pid == 0:
            fds = {0: self.devnull, 1: self.devnull, 2: 2, ORACLE_CONTROL_FD: theirs.fileno(), ORACLE_SECRETS_FD: SECRETS_FD}
            if phase_log.ON:
                fds[phase_log.LOG_FD] = phase_log.LOG_FD
            self.child(lambda: oracle_loop(self, ORACLE_CONTROL_FD), fds)
        theirs.close()
        self.oracle = Oracle(pid, mine)

    def end_oracle(self):
        """Kill the oracle and reap it (after a timeout, a harness error, or its word that it
        retires); its wait status, or None when it was reaped already."""
        oracle, self.oracle = self.oracle, None
        if oracle is None:
            return None
        oracle.sock.close()
        if oracle.status is not None:
            return oracle.status
        kill_group(oracle.pid)
        try:
            return os.waitpid(oracle.pid, 0)[1]
        except ChildProcessError:
            return None

    def give_oracle(self, job, line, timeout_s, memory, fds):
        """Hand the job and its fds to the oracle, starting one if there is none (or it has gone). Its nonce follows
        after the candidate's fork (run_job)."""
        payload = b'{"timeout":%r,"memory":%d,"job":%s}' % (timeout_s, int(memory or 0), line.strip())
        for _attempt in range(2):
            if self.oracle is None or self.oracle.status is not None:
                self.end_oracle()
                self.start_oracle()
            try:
                send_job(self.oracle.sock, payload, fds)
                return
            except OSError:
                self.end_oracle()
        raise OSError('the oracle could not be reached')

    def run_job(self, job, line):
        timeout_s = max(0.001, job.get('timeoutMs', 3000) / 1000.0)
        memory = job.get('memoryBytes', 0)
        if type(memory) is not int or memory < 0:
            memory = 0
        if self.oracle is None or self.oracle.status is not None:
            self.end_oracle()
            self.start_oracle()  # before this job's fds exist (it holds none of them)
        if phase_log.ON:
            mark('oracle-up')
        workdir = self.make_workdir()
        if phase_log.ON:
            mark('workdir')
        # Before any fd is made: if this raises, the job is a harness error and nothing leaks.
        ruleset = self.confine_prepared.ruleset_for(workdir)
        if phase_log.ON:
            mark('ruleset')
        req_r, req_w = os.pipe()  # oracle -> candidate
        rsp_r, rsp_w = os.pipe()  # candidate -> oracle
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        res_r, res_w = os.pipe()  # the candidate closes its copies of every fd but its own (child)
        candidate_fds = {0: self.devnull, 1: out_w, 2: err_w, CANDIDATE_IN_FD: req_r, CANDIDATE_OUT_FD: rsp_w}
        if ruleset is not None:
            candidate_fds[RULESET_FD] = ruleset
        if phase_log.ON:
            candidate_fds[phase_log.LOG_FD] = phase_log.LOG_FD
            mark('pipes')
        candidate = None
        try:
            self.give_oracle(job, line, timeout_s, memory, (out_w, err_w, res_w, req_w, rsp_r))
            if phase_log.ON:
                mark('given')
            t0 = time.monotonic()
            candidate = _fork()
            if candidate == 0:
                self.child(lambda: self.candidate_child(job, workdir, timeout_s, memory, ruleset is not None), candidate_fds)
            if phase_log.ON:
                mark('forked')
            # Made after the candidate's fork: its memory never held this job's nonce.
            nonce = os.urandom(NONCE_BYTES // 2).hex()
            self.oracle.sock.sendall(nonce.encode('ascii'))
        except BaseException:
            if candidate is not None:
                kill_group(candidate)
                wait_child(candidate, grace=0)
            self.end_oracle()  # it may hold the job: a fresh one for the next
            for fd in (res_r, out_r, err_r):
                os.close(fd)
            raise
        finally:
            for fd in (req_r, req_w, rsp_r, rsp_w, res_w, out_w, err_w):
                os.close(fd)
        outcome = self.supervise(candidate, timeout_s, res_r, out_r, err_r)
        elapsed = time.monotonic() - t0
        for fd in (res_r, out_r, err_r):
            os.close(fd)
        leftovers = self.reap_leftovers()
        if phase_log.ON:
            mark('leftovers')
        self.remove_workdir(workdir)
        if phase_log.ON:
            mark('workdir-checked')
        decided = decide(job, nonce, outcome)
        if phase_log.ON:
            mark('decided')
        return {'type': 'result', 'id': job.get('id'), 'verdict': decided['verdict'], 'outputs': decided['outputs'],
                'coverage': decided.get('coverage'),
                **{k: decided[k] for k in ('callStop', 'countedCalls') if k in decided},
                'stdout': outcome['stdout'].decode('utf-8', 'replace'), 'stderr': outcome['stderr'].decode('utf-8', 'replace'),
                'stdoutTruncated': outcome['stdout_dropped'] > 0, 'stderrTruncated': outcome['stderr_dropped'] > 0,
                'durationMs': round(elapsed * 1000, 3), 'cpuMs': outcome['cpu_ms'], 'leftoverProcesses': leftovers}

    def child(self, main, fds):
        """In a forked child: own session, exactly the fds in `fds` (target -> source), then main()."""
        try:
            if phase_log.ON:
                phase_log.reset()  # the server's marks, copied by the fork
                mark('c-forked')
            os.setsid()
            # Sources first to a free range, so that no target overwrites a source still needed.
            staged = {}
            for target, source in fds.items():
                staged[target] = os.dup(source)
            for target, fd in staged.items():
                os.dup2(fd, target)
            keep = sorted(fds)
            low = 0
            for fd in keep:
                if fd > low:
                    os.closerange(low, fd)
                low = fd + 1
            os.closerange(low, 65536)
            if phase_log.ON:
                mark('c-fds')
            main()
        except BaseException:
            try:
                import traceback
                traceback.print_exc()
            finally:
                os._exit(70)
        os._exit(70)

    def candidate_child(self, job, workdir, timeout_s, memory, has_ruleset):
        # uid, capabilities, Landlock, seccomp: before any of the program's code runs.
        confine.confine_candidate(workdir, self.confine_plan, self.confine_prepared, RULESET_FD if has_ruleset else None)
        self.die_with_server()
        if phase_log.ON:
            mark('c-pdeathsig')
        os.chdir(workdir)
        if workdir != self.jobdir:
            os.environ.clear()
            os.environ.update(job_environment(workdir))
        sys.stdin, sys.stdout, sys.stderr = self.stdio
        apply_candidate_limits(job, timeout_s, memory)
        if phase_log.ON:
            mark('c-limits')
            phase_log.flush('candidate', job.get('id'))
        candidate_main(job, CANDIDATE_IN_FD, CANDIDATE_OUT_FD, self.hash_seed)

    def die_with_server(self):
        if self.prctl is not None:  # after setuid, which clears it
            self.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)

    def supervise(self, candidate, timeout_s, res_r, out_r, err_r):
        """Read the pipes until the oracle says it is done with the job (or the clock runs out); then end the candidate."""
        sock = self.oracle.sock
        ctl = sock.fileno()
        buffers = {res_r: bytearray(), out_r: bytearray(), err_r: bytearray()}
        caps = {res_r: RESULT_CAP, out_r: OUTPUT_CAP, err_r: OUTPUT_CAP}
        dropped = {res_r: 0, out_r: 0, err_r: 0}
        open_fds = {res_r, out_r, err_r}
        for fd in open_fds:
            os.set_blocking(fd, False)
        deadline = time.monotonic() + timeout_s
        timed_out = False
        poller = select.poll()
        for fd in open_fds:
            poller.register(fd, select.POLLIN)
        poller.register(ctl, select.POLLIN)

        def drain(fd):
            while True:
                try:
                    chunk = os.read(fd, 65536)
                except BlockingIOError:
                    return True
                except OSError:
                    return False
                if not chunk:
                    return False
                room = caps[fd] - len(buffers[fd])
                if room > 0:
                    buffers[fd] += chunk[:room]
                dropped[fd] += max(0, len(chunk) - max(room, 0))

        def wait_word(until):
            """The oracle's word after the job, or None if it has not come by `until`; drains the pipes meanwhile."""
            while True:
                remaining = until - time.monotonic()
                if remaining <= 0:
                    return None
                for fd, _ev in poller.poll(remaining * 1000):
                    if fd == ctl:
                        try:
                            return sock.recv(1)
                        except OSError:
                            return b''
                    if fd in open_fds and not drain(fd):
                        open_fds.discard(fd)
                        poller.unregister(fd)

        word = wait_word(deadline)
        if phase_log.ON:
            mark('word')
        if word is None:
            timed_out = True
            # The verdict is a timeout whatever comes now. An oracle that was only waiting on the
            # candidate ends the job once the candidate is gone, and can be kept for the next one.
            kill_group(candidate)
            word = wait_word(time.monotonic() + ORACLE_TIMEOUT_GRACE_S)
        if word in (ORACLE_KEEP, ORACLE_RETIRE):
            oracle_status = 0
        elif word == ORACLE_FAILED:
            oracle_status = HARNESS_EXIT << 8
        else:
            oracle_status = None
        if word != ORACLE_KEEP:
            # Timed out (the tests may still be running), failed, retiring, or gone: a fresh one for the next job.
            status = self.end_oracle()
            if word == b'':
                oracle_status = status
        # The candidate has had its say once the oracle is done; it normally exits on 'finish'.
        # Its status matters only when it ended on its own (a limit's signal, an exit): then give it time to be reaped.
        ended = b'candidate-ended' in buffers[res_r]
        candidate_status, cpu_ms = wait_child(candidate, grace=KILL_GRACE_S if ended and not timed_out else 0)
        if phase_log.ON:
            mark('candidate-reaped')
        for fd in list(open_fds):
            drain(fd)
        return {'timed_out': timed_out, 'oracle_status': oracle_status, 'candidate_status': candidate_status,
                'cpu_ms': cpu_ms, 'result': bytes(buffers[res_r]), 'result_dropped': dropped[res_r],
                'stdout': bytes(buffers[out_r]), 'stderr': bytes(buffers[err_r]),
                'stdout_dropped': dropped[out_r], 'stderr_dropped': dropped[err_r]}

    def reap_leftovers(self):
        """Kill every process the job left behind. As a child subreaper, orphans of the job are
        re-parented to this server, so "no children left but the oracle" means nothing of the job survives."""
        killed = set()
        for _round in range(LEFTOVER_ROUNDS):
            while True:
                try:
                    wpid, status = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    return len(killed)
                if wpid == 0:
                    break
                if self.oracle is not None and wpid == self.oracle.pid:
                    self.oracle.status = status
            oracle = self.oracle.pid if self.oracle is not None and self.oracle.status is None else None
            children = [child for child in self.children() if child != oracle]
            if not children:
                return len(killed)
            for child in children:
                kill_group(child)
                killed.add(child)
            time.sleep(0.0002)
        return len(killed)

    def children(self):
        out = []
        try:
            # Read with os calls, not open(): no file and text objects built after every job.
            fd = os.open('/proc/self/task/%d/children' % self.pid, os.O_RDONLY | os.O_CLOEXEC)
            try:
                chunks = []
                while True:
                    chunk = os.read(fd, 65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
            finally:
                os.close(fd)
            out = [int(p) for p in b''.join(chunks).split()]
        except OSError:
            for entry in os.listdir('/proc'):
                if not entry.isdigit():
                    continue
                try:
                    with open('/proc/%s/stat' % entry) as f:
                        stat = f.read()
                    ppid = int(stat[stat.rindex(')') + 2:].split()[1])
                except (OSError, ValueError):
                    continue
                if ppid == self.pid:
                    out.append(int(entry))
        return out

    def force_remove(self, path):
        def onerror(func, p, _exc):
            try:
                os.chmod(p, 0o700)
                func(p)
            except OSError:
                pass

        for root, dirs, _files in os.walk(path):
            for d in dirs:
                try:
                    os.chmod(os.path.join(root, d), 0o700)
                except OSError:
                    pass
        import shutil
        shutil.rmtree(path, onerror=onerror)


def kill_group(pid):
    for target in (-pid, pid):
        try:
            os.kill(target, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _cpu_ms(usage):
    return round((usage.ru_utime + usage.ru_stime) * 1000, 3)


def wait_child(pid, grace=KILL_GRACE_S):
    """(exit status, CPU ms of the process) once reaped, killing it after `grace` seconds; (None, None) if already gone."""
    deadline = time.monotonic() + grace
    while True:
        try:
            wpid, status, usage = os.wait4(pid, os.WNOHANG)
        except ChildProcessError:
            return None, None
        if wpid == pid:
            return status, _cpu_ms(usage)
        if time.monotonic() >= deadline:
            kill_group(pid)
            wpid, status, usage = os.wait4(pid, 0)
            return status, _cpu_ms(usage)
        time.sleep(0.0002)



# Compiled (never run) by the server before it forks: whatever the compiler sets up on first use
# is then inherited by every job instead of rebuilt in each.
WARM_UP_SOURCE = '''
from typing import List
def f(xs: List[int], k: int = 1) -> int:
    """Doc."""
    total = sum(x * k for x in xs if x > 0) + len([y for y in xs]) + len({x: x for x in xs})
    return total if xs else -1 or (lambda z: z)(f"{k!r:>3}")
'''


def trim_heap():
    """Give the C heap's free pages back to the system (compiling this package's modules from source leaves
    ~1.5 MB of them): every page the server has mapped is a page-table entry that each job's fork copies and
    its exit tears down."""
    try:
        import ctypes
        ctypes.CDLL(None).malloc_trim(0)
    except Exception:  # not glibc: nothing to trim this way
        pass


JOB_KINDS = ('tests', 'call', 'examples')


def job_problem(job):
    """Why a job line is not a job, or None."""
    if type(job) is not dict:
        return 'a job is not a JSON object'
    if type(job.get('id')) is not int:
        return 'a job without an integer id'
    if job.get('kind') not in JOB_KINDS:
        return 'unknown job kind %r' % (job.get('kind'),)
    if type(job.get('entryPoint', '')) is not str or type(job.get('program', {})) is not dict:
        return 'a job without a program'
    return None


def error_result(job_id, reason, message, stderr=''):
    return {'type': 'result', 'id': job_id, 'verdict': {'status': 'error', 'reason': reason, 'message': message},
            'outputs': [], 'stdout': '', 'stderr': stderr, 'stdoutTruncated': False,
            'stderrTruncated': False, 'durationMs': 0, 'leftoverProcesses': 0}


def main():
    drop_uid = '--drop-uid' in sys.argv
    phase_log.open_log()
    # Private mounts once per server, the per-job confinement plan, and the scratch folder's cleanup at exit.
    scratch = os.environ.get('TMPDIR') or os.path.join('/tmp', 'bench-audit-' + os.urandom(8).hex())
    os.environ['TMPDIR'] = scratch
    if '--no-confine' in sys.argv:  # --isolation none --unsafe-no-isolation: only rlimits (and --drop-uid)
        mounts = {'namespace': None, 'tmpBytes': None, 'hidden': [], 'uidReachable': False, 'errors': ['confinement disabled']}
        os.makedirs(scratch, 0o700, exist_ok=True)
        server = Server(drop_uid)
        server.confine_plan = dict(confine.plan(server.uid), landlockAbi=0, seccomp=False, canDropBounding=False)
        server.confine_prepared = confine.Prepared(server.confine_plan)
    else:
        mounts = confine_mounts.prepare(scratch, confine.interpreter_paths())
        server = Server(drop_uid or mounts['uidReachable'])
        server.confine_plan = confine.plan(server.uid)
        server.confine_prepared = confine.Prepared(server.confine_plan)
        server.confine_prepared.drop_bounding_set()
        server.confine_prepared.install_server_part()  # after the mounts: the filter denies mount
    try:
        serve(server, mounts)
    finally:
        server.end_oracle()
        import shutil
        shutil.rmtree(server.base, ignore_errors=True)
        confine_mounts.release(scratch, mounts['tmpBytes'] is not None)


def serve(server, mounts):
    plan = server.confine_plan
    confinement = {'landlockAbi': plan['landlockAbi'], 'seccomp': plan['seccomp'], 'mountNamespace': mounts['namespace'],
                   'tmpBytes': mounts['tmpBytes'], 'hidden': mounts['hidden'], 'notes': mounts['errors']}
    out = sys.stdout.buffer
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # inherited by every job, like SIGTERM's
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def send(record):
        out.write((json.dumps(record, ensure_ascii=True) + '\n').encode('ascii'))
        out.flush()

    # The compiler builds its AST types on first use (~1 ms): do it once here, not in every job.
    compile(WARM_UP_SOURCE, '<warm-up>', 'exec')
    # Objects made so far are never collected: keeps the collector from touching (and so
    # copying) the parent's pages in every forked child.
    gc.freeze()
    trim_heap()
    send(dict(server.ready_record(), confinement=confinement))
    for line in sys.stdin.buffer:
        if phase_log.ON:
            mark('line')
        if not line.strip():
            continue
        try:
            job = json.loads(line)
        except ValueError as exc:
            send(error_result(None, 'protocol-error', 'a job line that is not JSON: %s' % exc))
            continue
        problem = job_problem(job)
        if problem is not None:
            send(error_result(job.get('id') if type(job) is dict else None, 'protocol-error', problem))
            continue
        try:
            send(server.run_job(job, line))
        except Exception as exc:  # a harness bug: report it for this job, keep serving
            import traceback
            send(error_result(job.get('id'), 'harness', '%s: %s' % (type(exc).__name__, exc), traceback.format_exc()))
        if phase_log.ON:
            mark('sent')
            phase_log.flush('server', job.get('id'))


if __name__ == '__main__':
    main()
