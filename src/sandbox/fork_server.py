"""bench-audit sandbox fork-server.

One long-lived interpreter per pool worker. It reads jobs as JSON lines on stdin, runs each in a
forked child with limits, and writes one JSON result line per job on stdout. Modules the
benchmarks use are imported once here, before any fork, so each job costs a fork, not a start-up.

The verdict is decided here, in the parent, from:
  * records the child's harness writes on a private pipe, each prefixed with a per-job random nonce
    (the pipe sits at a random high fd; the program's stdout/stderr are separate pipes),
  * an "end" record that the harness writes only after it ran the last test itself, carrying the
    number of tests it ran, which must equal the number of tests in the job,
  * the child's exit status (a normal exit after the end record; anything else is an error).
A program that exits early, prints a fake result, closes or floods the result pipe, or kills
itself never yields `passed`. The harness binds the functions it needs before user code runs, so
patching `os`, `json` or builtins does not change how it reports. Residual risk (documented): code
that deliberately introspects this harness's frames in the same interpreter to steal the nonce.

Protocol (one JSON object per line):
  parent -> server: {"id", "kind": "tests"|"call"|"examples", "timeoutMs", "memoryBytes", ...}
  server -> parent: {"type": "ready", ...} once, then {"type": "result", "id", "verdict", ...}
"""

import builtins
import copy
import errno
import gc
import json
import math
import os
import reprlib
import resource
import select
import shutil
import signal
import stat
import sys
import textwrap
import time
import traceback

# --- confinement (sandbox-confine): layers applied in each job before candidate code ---
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'python'))
import confine  # noqa: E402
import confine_mounts  # noqa: E402
# --- end confinement ---

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

# Limits that are not per-job options.
FSIZE_BYTES = 16 * 1024 * 1024  # files a job may write: enough for scratch files, not to fill a disk
NOFILE = 256  # open files per job: a test needs a handful
NPROC = 32  # processes per job uid: a test needs none; bounds a fork bomb (enforced for non-root uids only)
OUTPUT_CAP = 64 * 1024  # bytes of stdout/stderr kept per job; the rest is counted and dropped
RESULT_CAP = 8 * 1024 * 1024  # bytes of harness records read per job (call jobs stream outputs)
TEXT_CAP = 2000  # characters kept of an exception message or a repr
KILL_GRACE_S = 0.5  # after SIGKILL, how long to wait for the child to be reaped
CPU_SLACK_S = 1  # CPU rlimit = ceil(timeout) + this; the wall-clock timer normally fires first
RESULT_FD_RANGE = (200, 250)
LEFTOVER_ROUNDS = 100000  # kill-and-reap rounds after a job; each round takes a fraction of a ms  # where the result pipe is moved in the child (below NOFILE)

_write = os.write
_exit = os._exit
_fork = os.fork
_getpid = os.getpid
_repr = builtins.repr
_type = builtins.type
_isinstance = builtins.isinstance
_len = builtins.len
_str = builtins.str
_exec = builtins.exec
_eval = builtins.eval
_compile = builtins.compile
_BaseException = BaseException
_settrace = sys.settrace
_gettrace = sys.gettrace
_getprofile = sys.getprofile

# JSON string escaping without the json module (which a program could patch).
_ESCAPES = {i: '\\u%04x' % i for i in range(0x20)}
_ESCAPES.update({ord('"'): '\\"', ord('\\'): '\\\\', 0x2028: '\\u2028', 0x2029: '\\u2029'})


def _enc(value, _t=_type, _r=_repr, _s=_str):
    """Minimal JSON encoder for harness records (str, int, float, bool, None, list, dict)."""
    t = _t(value)
    if value is None:
        return 'null'
    if t is bool:
        return 'true' if value else 'false'
    if t is int:
        return int.__repr__(value)
    if t is float:
        if value != value or value in (float('inf'), float('-inf')):
            return 'null'
        return float.__repr__(value)
    if t is str:
        return '"' + str.translate(value, _ESCAPES) + '"'
    if t is list or t is tuple:
        return '[' + ','.join([_enc(v) for v in value]) + ']'
    if t is dict:
        return '{' + ','.join([_enc(_s(k)) + ':' + _enc(v) for k, v in value.items()]) + '}'
    return _enc(_safe_repr(value))


def _safe_repr(value, cap=TEXT_CAP):
    try:
        text = _repr(value)
    except _BaseException as exc:  # a __repr__ that raises or exits
        text = '<unrepresentable %s: %s>' % (_type(value).__name__, _type(exc).__name__)
    if _type(text) is not str:
        text = '<non-string repr>'
    return text if len(text) <= cap else text[:cap] + '...[%d more]' % (len(text) - cap)


def _safe_str(value, cap=TEXT_CAP):
    try:
        text = _str(value)
    except _BaseException:
        text = '<unprintable>'
    if _type(text) is not str:
        text = '<non-string str>'
    return text if len(text) <= cap else text[:cap] + '...[%d more]' % (len(text) - cap)


class _TooBig(Exception):
    """An output too large to send as a value; it is sent as a digest instead."""


def encode_value(value, depth=0, budget=None):
    """Typed, JSON-able form of an output, so Node can compare outputs structurally:
    lists stay arrays; tuples, sets, dicts and non-finite floats are tagged; anything else is a repr.
    `budget` ([chars]) bounds the work: _TooBig when the encoding would exceed it."""
    if budget is not None:
        budget[0] -= 8
        if budget[0] < 0:
            raise _TooBig()
    t = _type(value)
    if depth > 50:
        return {'repr': _short_repr(value)}
    if value is None or t is bool:
        return value
    if t is str:
        if budget is not None:
            budget[0] -= len(value)
            if budget[0] < 0:
                raise _TooBig()
        return value
    if t is int:
        if -(2 ** 53) < value < 2 ** 53:
            return value
        try:
            return {'int': int.__repr__(value)}
        except ValueError:  # more digits than sys.get_int_max_str_digits()
            raise _TooBig()
    if t is float:
        if value != value:
            return {'float': 'nan'}
        if value in (float('inf'), float('-inf')):
            return {'float': 'inf' if value > 0 else '-inf'}
        return value
    if t is list:
        return [encode_value(v, depth + 1, budget) for v in value]
    if t is tuple:
        return {'tuple': [encode_value(v, depth + 1, budget) for v in value]}
    if t is set or t is frozenset:
        items = [encode_value(v, depth + 1, budget) for v in value]
        items.sort(key=lambda e: _enc(e))
        return {'set': items}
    if t is dict:
        pairs = [[encode_value(k, depth + 1, budget), encode_value(v, depth + 1, budget)] for k, v in value.items()]
        return {'dict': pairs}
    if t is complex:
        return {'complex': [encode_value(value.real), encode_value(value.imag)]}
    return {'repr': _short_repr(value), 'type': t.__name__}


_REPR = reprlib.Repr()
_REPR.maxlevel = 6
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxfrozenset = _REPR.maxdict = _REPR.maxdeque = 100
_REPR.maxstring = _REPR.maxother = 400
_REPR.maxlong = 400


def _short_repr(value):
    """A bounded-time, abbreviated repr (large containers, strings and ints are elided)."""
    try:
        text = _REPR.repr(value)
    except _BaseException as exc:
        text = '<unrepresentable %s: %s>' % (_type(value).__name__, _type(exc).__name__)
    return text if _type(text) is str else '<non-string repr>'


# EvalPlus MBPP+ stores inputs as JSON, which has no tuples, sets or complex numbers; its loader
# (evalplus/data/mbpp.py, mbpp_deserialize_inputs, v0.2.0) restores them per task. The same
# rules, by task number.
def _tuples(xs):
    return [tuple(x) for x in xs]


def _deep_tuple(x):
    return tuple(_deep_tuple(i) for i in x) if isinstance(x, list) else x


MBPP_PLUS_RULES = {}
for _n in (2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579, 596, 616, 630, 726, 740, 744, 809):
    MBPP_PLUS_RULES[_n] = lambda a: _tuples(a)
for _n in (63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614, 780):
    MBPP_PLUS_RULES[_n] = lambda a: [_tuples(x) for x in a]
for _n in (75, 413, 444, 753):
    MBPP_PLUS_RULES[_n] = lambda a: [_tuples(a[0])] + [a[1]]
for _n in (106, 750):
    MBPP_PLUS_RULES[_n] = lambda a: [a[0]] + [tuple(a[1])]
MBPP_PLUS_RULES[115] = lambda a: [[set(i) if isinstance(i, list) and len(i) else {} for i in a[0]]]
MBPP_PLUS_RULES[124] = lambda a: (float(a[0]), complex(a[1]))
for _n in (250, 405, 446, 617, 720, 763, 808, 307):
    MBPP_PLUS_RULES[_n] = lambda a: [tuple(a[0])] + a[1:]
for _n in (259, 401, 445):
    MBPP_PLUS_RULES[_n] = lambda a: _tuples([_tuples(x) for x in a])
MBPP_PLUS_RULES[278] = lambda a: _tuples([[tuple(i) if isinstance(i, list) else i for i in a[0]]])
MBPP_PLUS_RULES[722] = lambda a: [{k: tuple(v) for k, v in a[0].items()}] + a[1:]
MBPP_PLUS_RULES[252] = lambda a: [complex(a[0])]
for _n in (580, 615, 791):
    MBPP_PLUS_RULES[_n] = _deep_tuple


def deserialize_args(rule, args):
    if not rule:
        return args
    if rule.startswith('mbpp-plus:'):
        fn = MBPP_PLUS_RULES.get(int(rule.split(':', 1)[1]))
        return fn(args) if fn else args
    raise ValueError('unknown input rule %r' % rule)


class Reporter:
    """Writes nonce-prefixed records to the result pipe with pre-bound functions."""

    def __init__(self, fd, nonce):
        self._fd = fd
        self._prefix = nonce + ' '

    def send(self, record, _w=_write):
        data = (self._prefix + _enc(record) + '\n').encode('utf-8', 'replace')
        view = memoryview(data)
        while view:
            n = _w(self._fd, view)
            view = view[n:]


def describe_exception(exc, filename=None, lines=None):
    """Type, message, and (when the traceback passes through `filename`) the innermost line there."""
    out = {'exception': _type(exc).__name__, 'message': _safe_str(exc)}
    if filename is not None:
        tb = exc.__traceback__
        line = None
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == filename:
                line = tb.tb_lineno
            tb = tb.tb_next
        if line is not None:
            out['line'] = line
            if lines is not None and 0 < line <= len(lines):
                out['text'] = lines[line - 1].strip()
    return out


def limit_error(exc):
    """Exceptions that mean a resource limit was hit rather than a wrong answer."""
    if _isinstance(exc, MemoryError):
        return 'memory'
    if _isinstance(exc, OSError) and exc.errno in (errno.EFBIG, errno.ENOSPC, errno.EMFILE, errno.EAGAIN):
        return 'resource'
    return None


class Coverage:
    """Lines and arcs executed in the candidate's code (filename '<candidate>') via sys.settrace,
    and the line events of each top-level call into it (a call from outside the candidate; the
    module body itself is not one): a deterministic measure of how much work one call does."""

    CALLS_KEPT = 10000  # top-level calls whose line counts are reported (tests rarely make more)

    def __init__(self):
        self.lines = set()
        self.arcs = set()
        self.call_lines = []
        self.slot = -1  # index in call_lines of the top-level call running now; -1: none kept

    def global_trace(self, frame, event, arg):
        if frame.f_code.co_filename != '<candidate>':
            return None
        calls = self.call_lines
        caller = frame.f_back
        if caller is None or caller.f_code.co_filename != '<candidate>':
            # A new top-level call (the module body is none): counted while CALLS_KEPT allows.
            keep = frame.f_code.co_name != '<module>' and _len(calls) < self.CALLS_KEPT
            if keep:
                calls.append(0)
            self.slot = _len(calls) - 1 if keep else -1
        slot = self.slot
        last = [-frame.f_code.co_firstlineno]

        def local(frame, event, arg, lines=self.lines, arcs=self.arcs):
            if event == 'line':
                lines.add(frame.f_lineno)
                arcs.add((last[0], frame.f_lineno))
                last[0] = frame.f_lineno
                if slot >= 0:
                    calls[slot] += 1
            elif event == 'return':
                arcs.add((last[0], -frame.f_code.co_firstlineno))
            return local

        return local


def run_phase(name, source, ns, reporter):
    """Compile and run a prelude phase (imports, candidate, setup). Returns False after reporting a failure."""
    if not source.strip():
        return True
    filename = '<%s>' % name
    try:
        code = _compile(source, filename, 'exec')
    except SyntaxError as exc:
        reporter.send({'type': 'end', 'status': 'failed', 'phase': name, 'exception': 'SyntaxError',
                       'message': _safe_str(exc), 'line': exc.lineno or 0, 'ran': 0})
        return False
    try:
        _exec(code, ns)
    except _BaseException as exc:
        rec = {'type': 'end', 'status': 'failed', 'phase': name, 'ran': 0}
        rec.update(describe_exception(exc, filename, source.split('\n')))
        lim = limit_error(exc)
        if lim:
            rec['status'] = 'error'
            rec['reason'] = lim
        reporter.send(rec)
        return False
    return True


class HookGuard:
    """Replaces sys.settrace/setprofile (and threading's) with recording wrappers: a program
    that installs a trace hook could skip or rewrite test lines and remove the hook before the
    harness looks, so any call at all marks the run as tampered."""

    def __init__(self):
        self.used = []
        # threading.settrace/setprofile only store a hook that each new thread installs through
        # sys.settrace/setprofile (looked up on the sys module when the thread starts), which are
        # wrapped here; threading is wrapped too when already loaded, never imported for it.
        hooks = [(sys, 'settrace'), (sys, 'setprofile')]
        threading = sys.modules.get('threading')
        if threading is not None:
            hooks += [(threading, 'settrace'), (threading, 'setprofile')]
        for owner, name in hooks:
            original = getattr(owner, name)

            def wrapper(fn, _original=original, _name=name, _used=self.used):
                _used.append(_name)
                return _original(fn)

            setattr(owner, name, wrapper)


def child_main(job, nonce, result_fd):
    """Runs in the forked child, after limits are set and fds are redirected. Never returns."""
    reporter = Reporter(result_fd, nonce)
    guard = HookGuard()
    ns = {'__name__': '__main__', '__builtins__': builtins}
    prelude = job.get('program', {})
    coverage = Coverage() if job.get('coverage') else None
    ok = run_phase('imports', '\n'.join(prelude.get('imports', [])), ns, reporter)
    if ok:
        if coverage is not None:
            _settrace(coverage.global_trace)
        ok = run_phase('candidate', prelude.get('candidate', ''), ns, reporter)
    ok = ok and run_phase('setup', prelude.get('setup', ''), ns, reporter)
    if ok:
        kind = job['kind']
        if kind == 'tests':
            run_tests(job, ns, reporter, coverage, guard)
        elif kind == 'call':
            run_calls(job, ns, reporter)
        elif kind == 'examples':
            run_examples(job, ns, reporter)
    _exit(0)


def tampered(expected_trace, guard):
    """The program installed a trace/profile hook, which could skip or rewrite test code."""
    return _len(guard.used) > 0 or _gettrace() is not expected_trace or _getprofile() is not None


COMPILED_CAP = 64  # test sources kept compiled in the server: the mutants of a task run one after another


class CompiledTests:
    """The benchmark's test code compiled once in the server, before it forks, and reused by every
    job that runs the same tests (all mutants of a task): each job then skips compiling it. Compiling
    runs no code; a SyntaxError is kept and reported by the job as before."""

    def __init__(self):
        self.cache = {}

    def prepare(self, job):
        tests = job.get('tests') if job.get('kind') == 'tests' else None
        if not tests:
            return
        if tests.get('kind') == 'check-function':
            self.get(tests.get('code', ''), '<tests>')
        else:
            for index, text in enumerate(tests.get('asserts', ())):
                self.get(text, '<assert %d>' % index)

    def get(self, source, filename):
        key = (source, filename)
        hit = self.cache.pop(key, None)
        if hit is None:
            try:
                hit = _compile(source, filename, 'exec')
            except SyntaxError as exc:
                hit = exc
            except _BaseException:  # left to the job, which compiles it itself and reports why
                return None
            while _len(self.cache) >= COMPILED_CAP:
                self.cache.pop(next(iter(self.cache)))
        self.cache[key] = hit
        return hit


_COMPILED = CompiledTests()


def compile_tests(source, filename):
    """Compiled test code, from the server's cache when it has it; raises SyntaxError like compile()."""
    code = _COMPILED.cache.get((source, filename))
    if code is None:
        return _compile(source, filename, 'exec')
    if _isinstance(code, SyntaxError):
        raise code
    return code


def run_tests(job, ns, reporter, coverage, guard):
    tests = job['tests']
    expected_trace = coverage.global_trace if coverage is not None else None
    if coverage is not None:
        expected_trace = _gettrace()
    if tests['kind'] == 'check-function':
        source = tests['code']
        lines = source.split('\n')
        try:
            code = compile_tests(source, '<tests>')
        except SyntaxError as exc:
            reporter.send({'type': 'end', 'status': 'failed', 'phase': 'tests', 'exception': 'SyntaxError',
                           'message': _safe_str(exc), 'line': exc.lineno or 0, 'ran': 0})
            return
        try:
            _exec(code, ns)
            check = ns.get(tests['checkFunction'])
            # The check function must be the one compiled from the benchmark's test code.
            check_code = getattr(check, '__code__', None)
            if check_code is None or check_code.co_filename != '<tests>' or check_code not in code.co_consts:
                reporter.send({'type': 'end', 'status': 'error', 'reason': 'tampered', 'phase': 'tests',
                               'message': 'the check function is not the one defined by the tests', 'ran': 0})
                return
            candidate = ns.get(job['entryPoint'])
            if candidate is None:
                raise NameError('name %r is not defined' % job['entryPoint'])
            check(candidate)
        except _BaseException as exc:
            if coverage is not None:
                _settrace(None)
            rec = {'type': 'end', 'status': 'failed', 'phase': 'tests', 'ran': 0}
            rec.update(describe_exception(exc, '<tests>', lines))
            lim = limit_error(exc)
            if lim:
                rec['status'] = 'error'
                rec['reason'] = lim
            reporter.send(rec)
            return
        trace_ok = not tampered(expected_trace, guard)
        if coverage is not None:
            _settrace(None)
        if not trace_ok:
            reporter.send({'type': 'end', 'status': 'error', 'reason': 'tampered', 'phase': 'tests',
                           'message': 'a trace or profile hook was installed', 'ran': 0})
            return
        end = {'type': 'end', 'status': 'passed', 'ran': 1}
        if coverage is not None:
            end['coverage'] = coverage_record(coverage)
        reporter.send(end)
        return
    # assert-list: each assert compiled and run by the harness, counted here.
    asserts = tests['asserts']
    ran = 0
    for index, text in enumerate(asserts):
        try:
            code = compile_tests(text, '<assert %d>' % index)
        except SyntaxError as exc:
            if coverage is not None:
                _settrace(None)
            reporter.send({'type': 'end', 'status': 'failed', 'phase': 'tests', 'assertIndex': index,
                           'assert': text, 'exception': 'SyntaxError', 'message': _safe_str(exc), 'ran': ran})
            return
        try:
            _exec(code, ns)
        except _BaseException as exc:
            if coverage is not None:
                _settrace(None)
            rec = {'type': 'end', 'status': 'failed', 'phase': 'tests', 'assertIndex': index, 'assert': text,
                   'ran': ran}
            rec.update(describe_exception(exc))
            lim = limit_error(exc)
            if lim:
                rec['status'] = 'error'
                rec['reason'] = lim
            reporter.send(rec)
            return
        if tampered(expected_trace, guard):
            _settrace(None)
            reporter.send({'type': 'end', 'status': 'error', 'reason': 'tampered', 'phase': 'tests',
                           'assertIndex': index, 'message': 'a trace or profile hook was installed', 'ran': ran})
            return
        ran += 1
    if coverage is not None:
        _settrace(None)
    end = {'type': 'end', 'status': 'passed', 'ran': ran}
    if coverage is not None:
        end['coverage'] = coverage_record(coverage)
    reporter.send(end)


def coverage_record(coverage):
    return {'lines': sorted(coverage.lines), 'arcs': sorted([list(a) for a in coverage.arcs]),
            'callLines': coverage.call_lines}


def bind_contract(fn, contract):
    """EvalPlus contracts are assert lines from the function body: run them with the arguments
    bound, in one namespace (the function's globals plus the arguments) so that helper functions
    and comprehensions inside the contract see the arguments."""
    import inspect  # only call jobs with a contract need it: not preloaded (fork cost)
    body = textwrap.dedent(contract.strip('\n'))
    code = _compile(body, '<contract>', 'exec')
    sig = inspect.signature(fn)
    env_base = getattr(fn, '__globals__', {})

    def check(args):
        bound = sig.bind(*args)
        bound.apply_defaults()
        env = dict(env_base)
        env.update(bound.arguments)
        _exec(code, env)

    return check, body.split('\n')


def promote_ints(value):
    """JSON read by Node loses 1.0 vs 1: ints (not bools) back to floats, recursively."""
    t = _type(value)
    if t is int:
        return float(value)
    if t is list:
        return [promote_ints(v) for v in value]
    if t is tuple:
        return tuple(promote_ints(v) for v in value)
    if t is dict:
        return {k: promote_ints(v) for k, v in value.items()}
    return value


def has_int(value):
    t = _type(value)
    if t is int:
        return True
    if t in (list, tuple):
        return any(has_int(v) for v in value)
    if t is dict:
        return any(has_int(v) for v in value.values())
    return False


class InputTimeout(BaseException):
    """Raised by the per-input timer in call jobs."""


def _on_alarm(_sig, _frame):
    raise InputTimeout()


def output_digest(value):
    """A digest of an encoded output (typed JSON text): equal digests mean equal encodings."""
    data = _enc(value).encode('utf-8', 'replace')
    try:
        from _blake2 import blake2b  # builtin C module: no import cost worth a preload
    except ImportError:  # an interpreter built without it
        from hashlib import blake2b
    return blake2b(data, digest_size=16).hexdigest()


def _limit_at(limits, index):
    """A per-input limit in seconds from a number or a list aligned with the inputs (0: none)."""
    if _isinstance(limits, list):
        value = limits[index] if index < _len(limits) else 0
    else:
        value = limits or 0
    return value / 1000.0 if value else 0.0


VALUE_CAP_CHARS = 64 * 1024  # an output encoded larger than this is sent as a digest (still comparable for equality)


def capped_value(value):
    try:
        return encode_value(value, 0, [VALUE_CAP_CHARS])
    except _TooBig:
        pass
    import hashlib
    import marshal
    try:
        data = marshal.dumps(value)
    except ValueError:  # a type marshal cannot write
        data = _short_repr(value).encode('utf-8', 'replace')
    return {'digest': hashlib.sha256(data).hexdigest(), 'size': len(data), 'type': _type(value).__name__}


def run_calls(job, ns, reporter):
    """Call the entry point on each argument list; stream one record per input."""
    fn = ns.get(job['entryPoint'])
    if not callable(fn):
        reporter.send({'type': 'end', 'status': 'failed', 'phase': 'setup', 'exception': 'NameError',
                       'message': '%r is not defined or not callable' % job['entryPoint'], 'ran': 0})
        return
    contract = None
    contract_lines = None
    if job.get('contract', '').strip():
        try:
            contract, contract_lines = bind_contract(fn, job['contract'])
        except _BaseException as exc:
            reporter.send({'type': 'end', 'status': 'failed', 'phase': 'setup', 'ran': 0, **describe_exception(exc)})
            return
    rule = job.get('inputRule')
    inputs = job['inputs']
    start = job.get('startIndex', 0)
    per_input_s = job.get('perInputMs', 0) / 1000.0
    if per_input_s > 0:
        signal.signal(signal.SIGALRM, _on_alarm)
    # Per-input CPU-time limits (ITIMER_PROF): insensitive to how loaded the machine is.
    cpu_limits = job.get('perInputCpuMs')
    if cpu_limits:
        signal.signal(signal.SIGPROF, _on_alarm)
    want_digest = bool(job.get('digests'))
    # Differential testing: outputs whose digest equals the expected one are sent as 'same'
    # (no value); with stopOnDifference the job ends at the first other outcome.
    expect = job.get('expectDigests')
    stop = bool(job.get('stopOnDifference'))
    # Stop once the calls have used this much CPU time in total (inputs further on are not needed).
    budget_s = job.get('stopAfterCpuMs', 0) / 1000.0
    used_s = 0.0
    ran = 0
    for index in range(start, len(inputs)):
        try:
            args = deserialize_args(rule, copy.deepcopy(inputs[index]))
        except _BaseException as exc:
            reporter.send({'type': 'output', 'index': index, 'status': 'bad-input', **describe_exception(exc)})
            ran += 1
            continue
        promoted = False
        if contract is not None:
            verdict = contract_verdict(contract, args)
            if verdict is not None and has_int(args):
                # Maybe the input had floats that the JSON round trip turned into ints.
                alt = promote_ints(args)
                if contract_verdict(contract, alt) is None:
                    args, verdict, promoted = alt, None, True
            if verdict is not None:
                reporter.send({'type': 'output', 'index': index, 'status': 'contract-violation',
                               **describe_exception(verdict, '<contract>', contract_lines)})
                ran += 1
                continue
        cpu_s = _limit_at(cpu_limits, index) if cpu_limits else 0.0
        c0 = time.process_time()
        t0 = time.perf_counter()
        try:
            if per_input_s > 0:
                signal.setitimer(signal.ITIMER_REAL, per_input_s)
            if cpu_s > 0:
                signal.setitimer(signal.ITIMER_PROF, cpu_s)
            try:
                out = fn(*args)
            finally:
                if per_input_s > 0:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                if cpu_s > 0:
                    signal.setitimer(signal.ITIMER_PROF, 0)
        except InputTimeout:
            used_s += time.process_time() - c0
            reporter.send({'type': 'output', 'index': index, 'status': 'timeout'})
            ran += 1
            if stop or (budget_s > 0 and used_s > budget_s):
                reporter.send({'type': 'end', 'status': 'passed', 'ran': ran, 'stoppedAt': index})
                return
            continue
        except _BaseException as exc:
            used_s += time.process_time() - c0
            rec = {'type': 'output', 'index': index, 'status': 'raised', **describe_exception(exc)}
            lim = limit_error(exc)
            if lim:
                rec['reason'] = lim
            reporter.send(rec)
            ran += 1
            if stop or (budget_s > 0 and used_s > budget_s):
                reporter.send({'type': 'end', 'status': 'passed', 'ran': ran, 'stoppedAt': index})
                return
            continue
        elapsed = time.perf_counter() - t0
        cpu_used = time.process_time() - c0
        used_s += cpu_used
        try:
            value = capped_value(out)
        except _BaseException as exc:
            value = {'repr': '<unencodable: %s>' % _type(exc).__name__}
        digest = output_digest(value) if want_digest or expect else None
        if expect and index < _len(expect) and digest == expect[index]:
            reporter.send({'type': 'output', 'index': index, 'status': 'same'})
            ran += 1
            continue
        rec = {'type': 'output', 'index': index, 'status': 'returned', 'value': value,
               'repr': _short_repr(out), 'ms': round(elapsed * 1000, 3)}
        if want_digest:
            rec['digest'] = digest
            rec['cpuMs'] = round(cpu_used * 1000, 3)
        if promoted:
            rec['promoted'] = True
        reporter.send(rec)
        ran += 1
        if (stop and expect) or (budget_s > 0 and used_s > budget_s):
            reporter.send({'type': 'end', 'status': 'passed', 'ran': ran, 'stoppedAt': index})
            return
    reporter.send({'type': 'end', 'status': 'passed', 'ran': ran})


def contract_verdict(contract, args):
    """None when the input satisfies the contract, else the AssertionError. Other exceptions mean
    the contract cannot be checked on this input; the input is then run as is."""
    try:
        contract(copy.deepcopy(args))
    except AssertionError as exc:
        return exc
    except _BaseException:
        return None
    return None


def values_match(actual, expected, atol):
    """Prompt-example comparison: ==, with floats compared to a tolerance (recursively)."""
    if _isinstance(actual, float) or _isinstance(expected, float):
        if _isinstance(actual, (int, float)) and _isinstance(expected, (int, float)) \
                and not _isinstance(actual, bool) and not _isinstance(expected, bool):
            return math.isclose(actual, expected, rel_tol=1e-6, abs_tol=atol) or actual == expected
    if _type(actual) in (list, tuple) and _type(expected) in (list, tuple):
        return _type(actual) is _type(expected) and len(actual) == len(expected) and all(
            values_match(a, e, atol) for a, e in zip(actual, expected))
    try:
        return bool(actual == expected)
    except _BaseException:
        return False


def eval_with_imports(expr, ns):
    """Evaluate an example; a module the prompt uses without importing it (math.isclose in MBPP+
    prompts, whose tests import it) is imported and the evaluation retried."""
    code = _compile(expr, '<example>', 'eval')
    for _attempt in range(3):
        try:
            return _eval(code, ns)
        except NameError as exc:
            name = getattr(exc, 'name', None)
            if not name or name in ns:
                raise
            try:
                ns[name] = __import__(name)
            except ImportError:
                raise exc
    return _eval(code, ns)


def run_examples(job, ns, reporter):
    """Evaluate prompt examples `call` and compare with `expected` (a Python expression, or doctest text)."""
    atol = job.get('atol', 1e-6)
    ran = 0
    for index, ex in enumerate(job['examples']):
        rec = {'type': 'output', 'index': index}
        try:
            actual = eval_with_imports(ex['call'], ns)
        except SyntaxError as exc:
            # Doctest calls may be statements (print(...)); run them and compare printed output.
            rec.update({'status': 'bad-call', **describe_exception(exc)})
            reporter.send(rec)
            ran += 1
            continue
        except _BaseException as exc:
            rec.update({'status': 'raised', **describe_exception(exc)})
            reporter.send(rec)
            ran += 1
            continue
        rec['actual'] = _short_repr(actual)
        expected_text = ex['expected']
        try:
            expected = eval_with_imports(expected_text, dict(ns))
            if ex.get('truthy'):
                # `assert f(x)` in a prompt asks for a truthy value, not for `True` itself.
                match = bool(actual) == bool(expected)
            else:
                match = values_match(actual, expected, atol)
            rec['status'] = 'match' if match else 'mismatch'
        except _BaseException:
            # Doctest output that is not an expression: compare the printed forms; when they
            # differ the example is prose ("19 - 5 - 6 = 8"), not evidence of a wrong answer.
            match = _safe_repr(actual).strip() == expected_text.strip() or _safe_str(actual).strip() == expected_text.strip()
            rec['status'] = 'match' if match else 'not-evaluable'
            rec['compared'] = 'text'
        reporter.send(rec)
        ran += 1
    reporter.send({'type': 'end', 'status': 'passed', 'ran': ran})


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


def set_limits(timeout_s, memory_bytes, hard=_HARD_LIMITS):
    cpu = int(math.ceil(timeout_s)) + CPU_SLACK_S
    limits = [
        (resource.RLIMIT_CPU, cpu),
        (resource.RLIMIT_FSIZE, FSIZE_BYTES),
        (resource.RLIMIT_NOFILE, NOFILE),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_NPROC, NPROC),
    ]
    if memory_bytes:
        limits.append((resource.RLIMIT_AS, memory_bytes))
    for which, value in limits:
        cap = hard.get(which, resource.RLIM_INFINITY)
        if cap != resource.RLIM_INFINITY and value > cap:
            value = cap
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass


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

    def run_job(self, job):
        timeout_s = max(0.001, job.get('timeoutMs', 3000) / 1000.0)
        memory = job.get('memoryBytes', 0)
        nonce = os.urandom(16).hex()
        workdir = self.make_workdir()
        res_r, res_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        result_fd = random_in(*RESULT_FD_RANGE)
        _COMPILED.prepare(job)
        t0 = time.monotonic()
        pid = _fork()
        if pid == 0:
            try:
                os.setsid()
                os.dup2(self.devnull, 0)
                os.dup2(out_w, 1)
                os.dup2(err_w, 2)
                os.dup2(res_w, result_fd)
                os.closerange(3, result_fd)
                os.closerange(result_fd + 1, 65536)
                # --- confinement (sandbox-confine): uid, capabilities, Landlock, seccomp ---
                confine.confine_candidate(workdir, self.confine_plan)
                # --- end confinement ---
                if self.prctl is not None:
                    PR_SET_PDEATHSIG = 1  # after setuid, which clears it: die with the server
                    self.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
                os.chdir(workdir)
                if workdir != self.jobdir:
                    os.environ.clear()
                    os.environ.update(job_environment(workdir))
                sys.stdin, sys.stdout, sys.stderr = self.stdio
                set_limits(timeout_s, memory)
                # SIGPIPE and SIGTERM are at their default in the server already (main), and a
                # forked child inherits that: nothing to reset here.
                cpu_limit_ms = job.get('cpuLimitMs', 0)
                if cpu_limit_ms and job.get('kind') != 'call':
                    # CPU time, not wall time: a tight limit that machine load does not trip.
                    # SIGPROF's default action ends the process; the parent reads it as a timeout.
                    signal.signal(signal.SIGPROF, signal.SIG_DFL)
                    signal.setitimer(signal.ITIMER_PROF, cpu_limit_ms / 1000.0)
                child_main(job, nonce, result_fd)
            except _BaseException:
                try:
                    traceback.print_exc()
                finally:
                    _exit(70)
            _exit(70)
        os.close(res_w)
        os.close(out_w)
        os.close(err_w)
        outcome = self.supervise(pid, timeout_s, res_r, out_r, err_r)
        elapsed = time.monotonic() - t0
        for fd in (res_r, out_r, err_r):
            os.close(fd)
        leftovers = self.reap_leftovers()
        self.remove_workdir(workdir)
        verdict = decide(job, nonce, outcome, leftovers)
        return {'type': 'result', 'id': job.get('id'), 'verdict': verdict['verdict'], 'outputs': verdict['outputs'],
                'coverage': verdict.get('coverage'),
                'stdout': outcome['stdout'].decode('utf-8', 'replace'), 'stderr': outcome['stderr'].decode('utf-8', 'replace'),
                'stdoutTruncated': outcome['stdout_dropped'] > 0, 'stderrTruncated': outcome['stderr_dropped'] > 0,
                'durationMs': round(elapsed * 1000, 3), 'cpuMs': outcome['cpu_ms'], 'leftoverProcesses': leftovers}

    def supervise(self, pid, timeout_s, res_r, out_r, err_r):
        try:
            pidfd = os.pidfd_open(pid)
        except (AttributeError, OSError):
            pidfd = None
        buffers = {res_r: bytearray(), out_r: bytearray(), err_r: bytearray()}
        caps = {res_r: RESULT_CAP, out_r: OUTPUT_CAP, err_r: OUTPUT_CAP}
        dropped = {res_r: 0, out_r: 0, err_r: 0}
        open_fds = {res_r, out_r, err_r}
        for fd in open_fds:
            os.set_blocking(fd, False)
        deadline = time.monotonic() + timeout_s
        timed_out = False
        status = None
        cpu_ms = None
        poller = select.poll()
        for fd in open_fds:
            poller.register(fd, select.POLLIN)
        if pidfd is not None:
            poller.register(pidfd, select.POLLIN)

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

        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            wait_ms = remaining * 1000 if pidfd is not None else min(remaining * 1000, 5)
            events = poller.poll(wait_ms)
            exited = False
            for fd, _ev in events:
                if fd == pidfd:
                    exited = True
                elif fd in open_fds:
                    if not drain(fd):
                        open_fds.discard(fd)
                        poller.unregister(fd)
            if pidfd is None:
                wpid, st, usage = os.wait4(pid, os.WNOHANG)
                if wpid == pid:
                    status = st
                    cpu_ms = _cpu_ms(usage)
                    break
            elif exited:
                break
        if timed_out:
            kill_group(pid)
        if status is None:
            status, cpu_ms = wait_child(pid)
        for fd in list(open_fds):
            drain(fd)
        if pidfd is not None:
            os.close(pidfd)
        return {'timed_out': timed_out, 'status': status, 'cpu_ms': cpu_ms, 'result': bytes(buffers[res_r]),
                'result_dropped': dropped[res_r], 'stdout': bytes(buffers[out_r]), 'stderr': bytes(buffers[err_r]),
                'stdout_dropped': dropped[out_r], 'stderr_dropped': dropped[err_r]}

    def reap_leftovers(self):
        """Kill every process the job left behind. As a child subreaper, orphans of the job are
        re-parented to this server, so "no children left" means nothing of the job survives."""
        killed = set()
        for _round in range(LEFTOVER_ROUNDS):
            try:
                wpid, _st = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return len(killed)
            if wpid != 0:
                continue
            children = self.children()
            for child in children:
                kill_group(child)
                killed.add(child)
            time.sleep(0.0002)
        return len(killed)

    def children(self):
        out = []
        try:
            with open('/proc/self/task/%d/children' % self.pid) as f:
                out = [int(p) for p in f.read().split()]
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
        shutil.rmtree(path, onerror=onerror)


def kill_group(pid):
    for target in (-pid, pid):
        try:
            os.kill(target, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _cpu_ms(usage):
    return round((usage.ru_utime + usage.ru_stime) * 1000, 3)


def wait_child(pid):
    """(exit status, CPU ms of the job's process) once reaped; (None, None) if already gone."""
    deadline = time.monotonic() + KILL_GRACE_S
    while True:
        try:
            wpid, status, usage = os.wait4(pid, os.WNOHANG)
        except ChildProcessError:
            return None, None
        if wpid == pid:
            return status, _cpu_ms(usage)
        if time.monotonic() > deadline:
            kill_group(pid)
            wpid, status, usage = os.wait4(pid, 0)
            return status, _cpu_ms(usage)
        time.sleep(0.0005)


def decide(job, nonce, outcome, leftovers):
    """The verdict, from the harness records and the exit status only."""
    prefix = nonce + ' '
    records = []
    forged = 0
    for raw in outcome['result'].split(b'\n'):
        if not raw:
            continue
        line = raw.decode('utf-8', 'replace')
        if not line.startswith(prefix):
            forged += 1
            continue
        try:
            records.append(json.loads(line[len(prefix):]))
        except ValueError:
            forged += 1
    outputs = [r for r in records if r.get('type') == 'output']
    ends = [r for r in records if r.get('type') == 'end']
    status = outcome['status']
    result = {'outputs': outputs}
    if outcome['timed_out']:
        result['verdict'] = {'status': 'timeout', 'completed': len(outputs)}
        return result
    if forged or outcome['result_dropped'] or len(ends) > 1:
        result['verdict'] = {'status': 'error', 'reason': 'tampered',
                             'message': 'the result channel carried records the harness did not write'}
        return result
    if status is not None and os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        reason = 'cpu-limit' if sig == signal.SIGXCPU else 'file-size-limit' if sig == signal.SIGXFSZ else 'signal'
        if sig == signal.SIGXCPU or (sig == signal.SIGPROF and job.get('cpuLimitMs')):
            result['verdict'] = {'status': 'timeout', 'completed': len(outputs), 'reason': 'cpu-limit'}
            return result
        result['verdict'] = {'status': 'error', 'reason': reason, 'signal': signal.Signals(sig).name}
        return result
    code = os.WEXITSTATUS(status) if status is not None else None
    if not ends:
        result['verdict'] = {'status': 'error', 'reason': 'no-verdict', 'exitCode': code,
                             'message': 'the program ended before the harness finished the tests'}
        return result
    end = ends[0]
    if code != 0:
        result['verdict'] = {'status': 'error', 'reason': 'exit-status', 'exitCode': code,
                             'message': 'the process exit status disagrees with the harness'}
        return result
    if end.get('status') == 'passed':
        expected = expected_count(job, end, outputs)
        if end.get('ran') != expected:
            result['verdict'] = {'status': 'error', 'reason': 'tampered',
                                 'message': 'the harness ran %s of %s tests' % (end.get('ran'), expected)}
            return result
        result['verdict'] = {'status': 'passed'}
        if 'coverage' in end:
            result['coverage'] = end['coverage']
        return result
    verdict = {k: v for k, v in end.items() if k not in ('type', 'ran', 'coverage')}
    result['verdict'] = verdict
    return result


def expected_count(job, end=None, outputs=()):
    kind = job['kind']
    if kind == 'tests':
        return 1 if job['tests']['kind'] == 'check-function' else len(job['tests']['asserts'])
    if kind == 'call':
        start = job.get('startIndex', 0)
        stopped = end.get('stoppedAt') if end else None
        # A call job told to stop at the first difference may end early, but only right after
        # an output record for that input which is not 'same'.
        if (job.get('stopOnDifference') or job.get('stopAfterCpuMs')) and stopped is not None:
            last = outputs[-1] if outputs else None
            if _type(stopped) is int and start <= stopped < len(job['inputs']) and last is not None \
                    and last.get('index') == stopped and last.get('status') != 'same':
                return stopped - start + 1
            return -1
        return len(job['inputs']) - start
    return len(job['examples'])


# Compiled (never run) by the server before it forks: whatever the compiler sets up on first use
# is then inherited by every job instead of rebuilt in each.
WARM_UP_SOURCE = '''
from typing import List
def f(xs: List[int], k: int = 1) -> int:
    """Doc."""
    total = sum(x * k for x in xs if x > 0) + len([y for y in xs]) + len({x: x for x in xs})
    return total if xs else -1 or (lambda z: z)(f"{k!r:>3}")
'''


def main():
    drop_uid = '--drop-uid' in sys.argv
    # --- confinement (sandbox-confine): private mounts once, the per-job plan, cleanup at exit ---
    scratch = os.environ.get('TMPDIR') or os.path.join('/tmp', 'bench-audit-' + os.urandom(8).hex())
    os.environ['TMPDIR'] = scratch
    if '--no-confine' in sys.argv:  # --isolation none --unsafe-no-isolation: only rlimits (and --drop-uid)
        mounts = {'namespace': None, 'tmpBytes': None, 'hidden': [], 'uidReachable': False, 'errors': ['confinement disabled']}
        os.makedirs(scratch, 0o700, exist_ok=True)
        server = Server(drop_uid)
        server.confine_plan = dict(confine.plan(server.uid), landlockAbi=0, seccomp=False, canDropBounding=False)
    else:
        mounts = confine_mounts.prepare(scratch, confine.interpreter_paths())
        server = Server(drop_uid or mounts['uidReachable'])
        server.confine_plan = confine.plan(server.uid)
    try:
        _serve(server, mounts)
    finally:
        shutil.rmtree(server.base, ignore_errors=True)
        confine_mounts.release(scratch, mounts['tmpBytes'] is not None)


def _serve(server, mounts):
    plan = server.confine_plan
    confinement = {'landlockAbi': plan['landlockAbi'], 'seccomp': plan['seccomp'], 'mountNamespace': mounts['namespace'],
                   'tmpBytes': mounts['tmpBytes'], 'hidden': mounts['hidden'], 'notes': mounts['errors']}
    # --- end confinement ---
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
    send(dict(server.ready_record(), confinement=confinement))  # confinement: sandbox-confine
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        try:
            job = json.loads(line)
        except ValueError as exc:
            send({'type': 'protocol-error', 'message': str(exc)})
            continue
        try:
            send(server.run_job(job))
        except Exception as exc:  # a harness bug: report it for this job, keep serving
            send({'type': 'result', 'id': job.get('id'), 'verdict': {
                'status': 'error', 'reason': 'harness', 'message': '%s: %s' % (type(exc).__name__, exc)},
                'outputs': [], 'stdout': '', 'stderr': traceback.format_exc(), 'stdoutTruncated': False,
                'stderrTruncated': False, 'durationMs': 0, 'leftoverProcesses': 0})


if __name__ == '__main__':
    main()
