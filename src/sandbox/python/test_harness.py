"""The oracle: runs the benchmark's tests (or a call or examples job) in a process of its own, the
only one that holds the result channel, and reaches the candidate only through calls as data.

Rules of the crossing (what a test sees of the candidate):
  * Names. The tests' namespace is fresh, with the real builtins; the program's imports and setup
    code run in it too. A name the program defines and calls (its entry point, helpers the tests
    call such as HumanEval's `poly`) is a proxy, unless a builtin or the tests' own code defines it
    (the entry point is a proxy even when it shadows a builtin: MBPP's `sum`): a program cannot
    redefine what the tests use. Helpers the benchmark's prompt defines (HumanEval's `poly`) come
    from the prompt, run here, not from the program. A standard-library module the program imported under its own
    name (`import math`) is imported here too, as tests use them without importing (MBPP+ `math.isclose`).
  * Arguments and results cross in the wire encoding (encoding.py). An argument that is not plain
    data (a callable, an instance) cannot cross: the job ends with error `non-data-argument`. A
    result that is not plain data ends it with error `non-data-result`, and is never evaluated here.
  * Mutation. After each call, the list, dict and set arguments come back and are updated in place,
    so a test that checks an argument the function mutated sees the mutation. Identity is not kept
    (`result is argument` is false).
  * Exceptions. An exception the candidate raises is raised in the test as the builtin exception of
    that name (so `except ValueError` works), else as CandidateException; its message is kept.
  * Prints go to the job's stdout; no benchmark test reads them.
  * The end. If the candidate's process ends, sends a malformed message or a result that is not
    data, the link is marked broken and stays broken (a test that catches the exception does not
    undo it): the verdict is an error, never a pass.
"""

import ast
import builtins
import collections
import os
import sys
import time
import types

import encoding
from call_harness import describe_exception, program_phases, run_phase
from limits import limit_error

CANDIDATE_FILE = '<candidate>'


class Reporter:
    """Writes nonce-prefixed records to the result pipe."""

    def __init__(self, fd, nonce):
        self._fd = fd
        self._prefix = nonce + ' '
        self._write = os.write

    def send(self, record):
        data = (self._prefix + encoding.record_json(record) + '\n').encode('ascii')
        view = memoryview(data)
        while view:
            n = self._write(self._fd, view)
            view = view[n:]


class CandidateException(Exception):
    """An exception the candidate raised whose type is not a builtin one (its name in `name`)."""

    def __init__(self, name, message):
        super().__init__(message)
        self.name = name


class NonDataResult(Exception):
    """A result that is not plain data, where that ends only the one evaluation (prompt examples)."""


class StepBudgetSpent(BaseException):
    """The candidate's calls went past the job's step budget: the job is a timeout, decided by the count.
    A BaseException, and caught only in run_job, so that a test's `except Exception` does not swallow it."""


class CallStopped(BaseException):
    """A call under the job's per-call limits (`callLimits`) that the job cannot decide itself: an untraced call its
    CPU limit stopped or that took more CPU than it, or a counted call past its cap or its CPU backstop. Caught only
    in run_job; sticky on the link, like a spent step budget."""


class LinkBroken(BaseException):
    """The candidate can no longer answer; the job's verdict is the link's `broken` reason."""


_BUILTIN_EXCEPTIONS = {name: obj for name, obj in vars(builtins).items()
                       if isinstance(obj, type) and issubclass(obj, Exception)}


def raised_exception(raised):
    """The exception to raise in the test for one the candidate raised (a dict of strings)."""
    name = raised.get('exception')
    message = raised.get('message')
    name = name if type(name) is str else 'Exception'
    message = message if type(message) is str else ''
    cls = _BUILTIN_EXCEPTIONS.get(name)
    if cls is not None:
        try:
            return cls(message)
        except BaseException:  # a builtin whose constructor wants other arguments
            pass
    return CandidateException(name, message)


_MUTABLE = (list, dict, set)


def _update_in_place(target, value):
    """Make a test's argument equal to its state after the call, keeping it the same object."""
    if type(target) is not type(value):
        return
    if type(target) is list:
        target[:] = value
    else:
        target.clear()
        target.update(value)


def call_request(name, args, kwargs):
    """The request for one call (Link.call's, and the planner's for a call sent ahead)."""
    request = {'op': 'call', 'name': name, 'args': encoding.to_tree(list(args)), 'kwargs': encoding.to_tree(dict(kwargs))}
    back = [i for i, a in enumerate(args) if type(a) in _MUTABLE]
    if back:
        request['back'] = back
    return request


# Unanswered requests at most, in bytes: a pipe holds at least PIPE_BUF bytes (POSIX; 4096 on Linux, also the
# one page a pipe gets when its user is over pipe-user-pages-soft), so their writes never block.
PIPELINE_BYTES = 4096


class Link:
    """Requests to the candidate's process and its validated answers."""

    def __init__(self, out_fd, in_fd, reporter=None):
        self.reporter = reporter
        self.out_fd = out_fd
        self.in_fd = in_fd
        self.broken = None  # None, or {'reason', 'message', ...}: sticky
        self.limit = None  # a resource limit the candidate reported hitting
        self.calls = 0
        self.last_steps = None
        self.planned = collections.deque()  # requests the tests will make next (plan_calls), not yet sent
        self.ahead = collections.deque()  # requests sent before the tests made them, their answers unread
        self.ahead_bytes = 0
        # A tests job's step budget (`candidateSteps`): line events left for the candidate's calls, or None.
        self.steps_left = None
        self.steps_spent = False  # sticky, like `broken`: a test that catches the exception does not undo it
        # A tests job's per-call limits (`callLimits`), the first call they stopped (sticky), and the counted calls' line events.
        self.call_limits = None
        self.call_stop = None
        self.counted_calls = []

    def fail(self, reason, message, **extra):
        if self.broken is None:
            self.broken = dict({'reason': reason, 'message': message}, **extra)
        raise LinkBroken()

    def send(self, message):
        if self.broken is not None:
            raise LinkBroken()
        message['v'] = encoding.WIRE_VERSION
        self.send_bytes(encoding.dumps(message))

    def send_bytes(self, data):
        try:
            encoding.write_frame(self.out_fd, data, os.write)
        except OSError:
            self.fail('candidate-ended', 'the candidate process stopped reading')

    def plan_calls(self, requests):
        """The calls the tests are known to make next, in order (predicted_calls): sent ahead of them,
        so that the candidate answers one while the tests check the last. Each must then be made
        exactly as planned (call() checks it byte for byte)."""
        self.planned.extend(requests)

    def send_ahead(self, current):
        """Send planned requests while the unanswered ones fit in PIPELINE_BYTES: this process then never
        blocks writing, so it cannot wait on a candidate that waits for it to read. A request that cannot
        be written ends the planning only: the link breaks, if at all, when the tests make that call.
        `current`: the bytes of the call the tests are making, unanswered too."""
        while self.planned and current + self.ahead_bytes + len(self.planned[0]) + encoding.FRAME_HEADER <= PIPELINE_BYTES:
            data = self.planned[0]
            try:
                encoding.write_frame(self.out_fd, data, os.write)
            except OSError:
                self.planned.clear()
                return
            self.planned.popleft()
            self.ahead.append(data)
            self.ahead_bytes += len(data) + encoding.FRAME_HEADER

    def receive(self):
        try:
            data = encoding.read_frame(self.in_fd, os.read)
        except encoding.Malformed as exc:
            self.fail('protocol-error', str(exc))
        if data is None:
            self.fail('candidate-ended', 'the candidate process ended')
        try:
            return encoding.loads(data)
        except encoding.Malformed as exc:
            self.fail('protocol-error', str(exc))

    def hello(self):
        """The program's outcome: ('ready', callable names) or ('failed', failure)."""
        message = self.receive()
        ready = message.get('ready')
        modules = message.get('modules')
        if type(ready) is list and all(type(n) is str for n in ready) and type(modules) is list and \
                all(type(m) is list and len(m) == 2 and all(type(x) is str for x in m) for m in modules) and len(message) == 3:
            return 'ready', (ready, modules)
        failed = message.get('failed')
        if type(failed) is dict and len(message) == 2 and failed.get('phase') in ('imports', 'candidate', 'setup'):
            return 'failed', {k: v for k, v in failed.items() if type(v) in (str, int) and k in _FAILURE_KEYS}
        self.fail('protocol-error', 'unexpected first message')

    def call(self, name, args, kwargs, alarm=0.0, cpu=0.0, non_data_ends=True, steps=0):
        """One call. Returns ('ok', value, cpuMs) / ('raised', dict, cpuMs) / ('timeout', None, cpuMs), or
        ('non-data', message, None) when `non_data_ends` is off (the candidate is still consistent)."""
        try:
            request = call_request(name, args, kwargs)
        except (encoding.NonData, RecursionError) as exc:
            self.fail('non-data-argument', 'an argument of %s() is not plain data: %s' % (name, encoding.safe_str(exc)))
        back = request.get('back')
        if alarm:
            request['alarm'] = alarm
        if cpu:
            request['cpu'] = cpu
        if steps:
            request['steps'] = steps
        if self.broken is not None:
            raise LinkBroken()
        request['v'] = encoding.WIRE_VERSION
        data = encoding.dumps(request)
        if self.ahead or self.planned:
            # A planned call: the tests reached it, so they make it exactly as planned (predicted_calls).
            if data != (self.ahead or self.planned)[0]:
                self.fail('harness', 'the tests made a call other than the one sent ahead')
            if self.ahead:
                self.ahead.popleft()
                self.ahead_bytes -= len(data) + encoding.FRAME_HEADER
            else:
                self.planned.popleft()
                self.send_bytes(data)
            self.send_ahead(len(data) + encoding.FRAME_HEADER)
        else:
            self.send_bytes(data)
        self.calls += 1
        reply = self.receive()
        # The call's line events when `steps` asked for them (steps.py), else None.
        counted = reply.get('steps')
        self.last_steps = counted if steps and type(counted) is int and counted >= 0 else None
        cpu_ms = reply.get('cpu')
        cpu_ms = cpu_ms if type(cpu_ms) in (int, float) and cpu_ms >= 0 else None
        try:
            if 'ok' in reply:
                value = encoding.from_tree(reply['ok'])
                if back:
                    states = reply.get('back')
                    if type(states) is not list or len(states) != len(back):
                        self.fail('protocol-error', 'argument states missing')
                    for i, state in zip(back, states):
                        _update_in_place(args[i], encoding.from_tree(state))
                return 'ok', value, cpu_ms
        except encoding.Malformed as exc:
            self.fail('protocol-error', 'a result that is not a valid encoding: %s' % exc)
        if type(reply.get('raised')) is dict:
            raised = reply['raised']
            if raised.get('limit') in ('memory', 'resource'):
                self.limit = raised['limit']
            return 'raised', raised, cpu_ms
        if reply.get('timeout') is True:
            return 'timeout', None, cpu_ms
        nd = reply.get('nonData')
        if type(nd) is dict and not non_data_ends:
            return 'non-data', 'the result of %s() is not plain data (%s)' % (
                name, encoding.safe_str(nd.get('type'), 100)), None
        if type(nd) is dict:
            self.fail('non-data-result', 'the result of %s() is not plain data (%s)' % (
                name, encoding.safe_str(nd.get('type'), 100)))  # no repr: it may hold addresses (reports are deterministic)
        self.fail('protocol-error', 'an answer of unknown shape')

    def finish(self):
        """Ends the candidate's process; its coverage record (or None)."""
        if self.ahead or self.planned:
            self.fail('harness', 'the tests ended before the calls sent ahead')
        self.send({'op': 'finish'})
        reply = self.receive()
        cov = reply.get('finished')
        if cov is None:
            return None
        if type(cov) is dict and all(type(cov.get(k)) is list for k in ('lines', 'arcs', 'callLines')):
            return cov
        self.fail('protocol-error', 'a coverage record of unknown shape')


_FAILURE_KEYS = ('phase', 'exception', 'message', 'line', 'text', 'limit')


class Proxy:
    """Stands for one of the candidate's functions in the tests' namespace."""

    __slots__ = ('_link', '_name', '_non_data_ends')

    def __init__(self, link, name, non_data_ends=True):
        self._link = link
        self._name = name
        self._non_data_ends = non_data_ends

    def __call__(self, *args, **kwargs):
        link = self._link
        if link.call_limits is not None:
            return self._limited_call(link, args, kwargs)
        if link.steps_spent or (link.steps_left is not None and link.steps_left < 1):
            # Every call executes at least one line event; a cap of 0 would mean "not counted".
            link.steps_spent = True
            raise StepBudgetSpent()
        budget = link.steps_left
        status, value, _cpu = link.call(self._name, args, kwargs, non_data_ends=self._non_data_ends,
                                        steps=budget if budget is not None else 0)
        if budget is not None:
            # The budget spans the job: each call gets what the earlier ones left.
            if status == 'timeout':
                link.steps_spent = True
                raise StepBudgetSpent()
            link.steps_left = budget - (link.last_steps or 0)
        if status == 'ok':
            return value
        if status == 'raised':
            raise raised_exception(value)
        if status == 'non-data':
            raise NonDataResult(value)
        self._link.fail('protocol-error', 'a timeout nobody asked for')

    def _limited_call(self, link, args, kwargs):
        """One call under the job's per-call limits: the i-th call the tests make (every proxy counts) is counted
        under its cap where `counted` names it, else runs untraced under its CPU limit; whatever neither decides
        stops the job (CallStopped) and the caller reruns it with that call counted."""
        if link.call_stop is not None:
            raise CallStopped()
        limits = link.call_limits
        index = link.calls
        counted = limits['counted'].get(index)
        if counted is not None and not counted[2]:
            # Counted before, within its cap: the same call of a deterministic program, untraced under its backstop.
            status, value, _cpu = link.call(self._name, args, kwargs, cpu=counted[1] / 1000.0,
                                            non_data_ends=self._non_data_ends)
            if status == 'timeout':
                link.call_stop = {'index': index, 'by': 'backstop'}
                raise CallStopped()
        elif counted is not None:
            cap, backstop_ms, _trace = counted
            status, value, _cpu = link.call(self._name, args, kwargs, cpu=backstop_ms / 1000.0,
                                            non_data_ends=self._non_data_ends, steps=cap)
            steps = link.last_steps
            if status == 'timeout':
                link.call_stop = {'index': index, 'by': 'step-cap' if steps is not None and steps > cap else 'backstop'}
                raise CallStopped()
            link.counted_calls.append([index, steps if steps is not None else 0])
        else:
            cpu_ms = limits['cpuMs'][index] if index < len(limits['cpuMs']) else limits['cpuMsRest']
            status, value, used = link.call(self._name, args, kwargs, cpu=cpu_ms / 1000.0,
                                            non_data_ends=self._non_data_ends)
            # Past its CPU limit (the timer overshoots by up to a tick) the call may have done more than its share.
            if status == 'timeout' or (status in ('ok', 'raised') and (used is None or used > cpu_ms)):
                link.call_stop = {'index': index, 'by': 'cpu'}
                raise CallStopped()
        if status == 'ok':
            return value
        if status == 'raised':
            raise raised_exception(value)
        if status == 'non-data':
            raise NonDataResult(value)
        self._link.fail('protocol-error', 'a timeout nobody asked for')

    def __repr__(self):
        return '<candidate function %s>' % self._name


def stdlib_module(name):
    """The standard-library module `name` imported here, or None (other modules are not imported for a program)."""
    top = name.split('.')[0]
    if top not in getattr(sys, 'stdlib_module_names', ()) or top in ('antigravity', 'this'):
        return None
    try:
        __import__(name)  # not importlib: it is not loaded in the server, and loading it costs every job
        return sys.modules[name]
    except BaseException:
        return None


def tests_namespace(link, ready, program, entry_point, non_data_ends=True):
    """Fresh `__main__` for the tests: builtins, the program's imports and setup, proxies for the
    program's functions that nothing else defines (the entry point always), the standard-library
    modules the program imported under their own names. Returns (ns, failure or None)."""
    callables, modules = ready
    module = types.ModuleType('__main__')
    ns = module.__dict__
    ns['__builtins__'] = builtins
    sys.modules['__main__'] = module
    for name, module_name in modules:
        # Only under its own name: `import unittest.mock as math` must not give the tests a `math`.
        if name == module_name and not hasattr(builtins, name):
            mod = stdlib_module(module_name)
            if mod is not None:
                ns[name] = mod
    for name in callables:
        # A builtin's name stays the builtin, unless the tests call the program by it (MBPP's `sum`).
        if name == entry_point or not hasattr(builtins, name):
            ns[name] = Proxy(link, name, non_data_ends)
    helpers = program.get('helpers')
    if type(helpers) is str and helpers.strip():
        ns.update(benchmark_helpers(helpers, entry_point))
    for phase, source in program_phases(program):
        if phase == 'candidate':
            continue
        failure = run_phase(phase, source, ns)
        if link.broken is not None:
            raise LinkBroken()
        if failure is not None:
            return ns, failure
    return ns, None


def benchmark_helpers(source, entry_point):
    """Functions the benchmark's own code (a HumanEval prompt) defines, except the entry point: the
    tests call these, not the program's versions. Nothing when that code does not run."""
    scope = {'__builtins__': builtins, '__name__': '__benchmark__'}
    try:
        exec(compile(source, '<helpers>', 'exec'), scope)
    except BaseException:
        return {}
    return {k: v for k, v in scope.items()
            if k != entry_point and not k.startswith('__') and isinstance(v, types.FunctionType)}


def end_record(link, record, coverage=None):
    """The end record, unless the link broke (then the broken reason, whatever the tests said)."""
    if link.broken is not None:
        return dict({'type': 'end', 'status': 'error', 'ran': 0}, **link.broken)
    if coverage is not None:
        record['coverage'] = coverage
    return record


def failure_record(exc, link, base, filename=None, lines=None):
    rec = dict(base)
    rec.update(describe_exception(exc, filename, lines))
    if isinstance(exc, CandidateException):
        rec['exception'] = exc.name
    lim = limit_error(exc) or (link.limit if link.calls else None)
    if lim:
        rec['status'] = 'error'
        rec['reason'] = lim
    return rec


class OutputStream:
    """Output records go out as they are made: a job that times out still returns those before."""

    def __init__(self, reporter):
        self.reporter = reporter

    def append(self, record):
        self.reporter.send(record)


def oracle_job(job, nonce, result_fd, out_fd, in_fd):
    """One job in the oracle's process: the tests against the candidate on (out_fd, in_fd), records
    on result_fd. Returns once the end record is written; the caller closes the fds."""
    reporter = Reporter(result_fd, nonce)
    link = Link(out_fd, in_fd, reporter)
    main = sys.modules.get('__main__')
    try:
        try:
            record = run_job(job, link)
        except LinkBroken:
            record = end_record(link, {})
    finally:
        # tests_namespace made the tests' module __main__; the next job gets its own.
        if main is not None:
            sys.modules['__main__'] = main
    reporter.send(record)


def run_job(job, link):
    status, info = link.hello()
    if status == 'failed':
        failure = dict(info)
        lim = failure.pop('limit', None)
        rec = {'type': 'end', 'status': 'error' if lim else 'failed', 'ran': 0}
        if lim:
            rec['reason'] = lim
        rec.update(failure)
        return rec
    kind = job['kind']
    budget = job.get('candidateSteps')
    if kind == 'tests' and not job.get('coverage') and not (type(budget) is int and budget > 0):
        # Set before the setup code runs: its calls are the tests' first calls.
        link.call_limits = call_limits(job.get('callLimits'))
    # A prompt example whose result is not data is reported as such; the others still run.
    ns, failure = tests_namespace(link, info, job.get('program', {}), job.get('entryPoint'),
                                  non_data_ends=job['kind'] != 'examples')
    if failure is not None:
        failure.pop('limit', None)
        if link.call_stop is not None:
            return {'type': 'end', 'status': 'timeout', 'reason': 'call-stop', 'ran': 0, 'callStop': link.call_stop,
                    'countedCalls': link.counted_calls}
        return dict({'type': 'end', 'status': 'failed', 'ran': 0}, **failure)
    if kind == 'tests':
        record = run_budgeted(lambda: run_tests(job, ns, link), None if job.get('coverage') else budget, link)
        if link.call_stop is not None:
            record = {'type': 'end', 'status': 'timeout', 'reason': 'call-stop', 'ran': 0, 'callStop': link.call_stop}
        if link.call_limits is not None and link.broken is None:
            record['countedCalls'] = link.counted_calls
    elif kind == 'call':
        record = run_calls(job, info[0], link)
    else:
        # The budget spans every example, as it spans every test.
        record = run_budgeted(lambda: run_examples(job, ns, link), budget, link)
    if record.get('status') == 'passed' and link.broken is None and job.get('coverage'):
        # Only coverage needs the program's last word; otherwise the server ends its process.
        coverage = link.finish()
        return end_record(link, record, coverage)
    return end_record(link, record)


def run_budgeted(run, budget, link):
    """`run()` with the job's step budget (`candidateSteps`, or None): once spent, a `step-cap` timeout whatever the
    tests did after (the flag is sticky, so a test that catches the exception does not undo it)."""
    if type(budget) is int and budget > 0:
        link.steps_left = budget
    # Never a pass by default: a stop that set no flag (none should) is the harness's error.
    record = {'type': 'end', 'status': 'error', 'reason': 'harness', 'ran': 0, 'message': 'a stop without its cause'}
    try:
        record = run()
    except (StepBudgetSpent, CallStopped):
        pass
    if link.steps_spent:
        return {'type': 'end', 'status': 'timeout', 'reason': 'step-cap', 'ran': 0}
    return record


def call_limits(spec):
    """A tests job's `callLimits` checked: {'cpuMs': [ms...], 'cpuMsRest': ms, 'counted': {index: (cap, backstop ms, trace)}},
    or None."""
    if type(spec) is not dict:
        return None
    cpu = spec.get('cpuMs')
    rest = spec.get('cpuMsRest')
    counted = spec.get('counted')
    pos = lambda v: type(v) in (int, float) and v > 0
    if type(cpu) is not list or not all(pos(v) for v in cpu) or not pos(rest) or type(counted) is not list:
        return None
    table = {}
    for c in counted:
        if type(c) is not dict or type(c.get('index')) is not int or type(c.get('steps')) is not int or c['steps'] < 1 \
                or not pos(c.get('backstopMs')):
            return None
        table[c['index']] = (c['steps'], c['backstopMs'], c.get('trace') is not False)
    return {'cpuMs': cpu, 'cpuMsRest': rest, 'counted': table}


# --- calls sent ahead -------------------------------------------------------------------------
# A test's calls cross one at a time: each waits for the candidate's answer before the test goes on.
# Where the test's next calls are known before it runs (literal arguments, no branch on an answer),
# they are sent ahead (Link.plan_calls) and the candidate answers them back to back. The verdict is
# that of one call at a time: the candidate gets the same calls in the same order (a stateful one ends
# in the same state at each answer), and the tests read the answers in that order; a call sent ahead
# that the tests never reach (they failed before it) is never read, whatever it does (hang, raise,
# exit, hit a limit): the tests' end record is written without it and the server ends the candidate.
# Only its stdout/stderr and CPU time can show it ran.

# Builtins a planned assert may apply to an answer: on plain data they run none of the tests' code.
PLAIN_BUILTINS = {name: getattr(builtins, name) for name in (
    'abs', 'round', 'len', 'sorted', 'set', 'frozenset', 'tuple', 'list', 'int', 'float', 'str', 'bool', 'sum', 'min', 'max')}
PLAN_CAP = 64  # test sources whose plans are kept (like COMPILED: the mutants of a task run one after another)
PLANS = {}  # (source, check function, entry point) -> plan or None


def _literal(node):
    """(True, value) for a literal expression, else (False, None)."""
    try:
        return True, ast.literal_eval(node)
    except Exception:
        return False, None


def _plain_expr(node, callees, calls, builtins_used):
    """Whether evaluating `node` makes exactly the calls appended to `calls` (callee, args, kwargs), in
    that order, and runs no code but builtins on plain data: literals, calls of a callee with literal
    arguments, comparisons (one operator), arithmetic, subscripts, and PLAIN_BUILTINS (their names, in
    `builtins_used`, must still be the builtins when the plan is used)."""
    ok, _value = _literal(node)
    if ok:
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        name = node.func.id
        if name in callees:
            args = []
            for arg in node.args:
                ok, value = _literal(arg)
                if not ok or isinstance(arg, ast.Starred):
                    return False
                args.append(value)
            kwargs = {}
            for kw in node.keywords:
                ok, value = _literal(kw.value)
                if kw.arg is None or not ok:
                    return False
                kwargs[kw.arg] = value
            calls.append((callees[name], args, kwargs))
            return True
        if name in PLAIN_BUILTINS and not node.keywords:
            builtins_used.add(name)
            return all(not isinstance(a, ast.Starred) and _plain_expr(a, callees, calls, builtins_used) for a in node.args)
        return False
    if isinstance(node, ast.Compare):
        return len(node.ops) == 1 and _plain_expr(node.left, callees, calls, builtins_used) and \
            _plain_expr(node.comparators[0], callees, calls, builtins_used)
    if isinstance(node, ast.BinOp):
        return _plain_expr(node.left, callees, calls, builtins_used) and _plain_expr(node.right, callees, calls, builtins_used)
    if isinstance(node, ast.UnaryOp):
        return _plain_expr(node.operand, callees, calls, builtins_used)
    if isinstance(node, ast.Subscript):
        return _plain_expr(node.value, callees, calls, builtins_used) and _literal(node.slice)[0]
    return False


def predicted_calls(statements, callees):
    """(requests, builtins used): the calls the first of `statements` make, in order, as request bytes;
    only asserts whose calls cannot depend on an answer count (see _plain_expr), up to the first other
    statement. A failing assert ends the test, so a call after it is never made: it is simply not read."""
    requests = []
    builtins_used = set()
    for stmt in statements:
        if isinstance(stmt, ast.Pass) or (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):
            continue
        if not isinstance(stmt, ast.Assert) or (stmt.msg is not None and not _literal(stmt.msg)[0]):
            break
        calls = []
        if not _plain_expr(stmt.test, callees, calls, builtins_used):
            break
        try:
            for name, args, kwargs in calls:
                request = call_request(name, args, kwargs)
                request['v'] = encoding.WIRE_VERSION
                requests.append(encoding.dumps(request))
        except (encoding.NonData, RecursionError, ValueError):
            break
    return requests, frozenset(builtins_used)


def check_plan(source, check_name, entry_name):
    """The plan of a check function (HumanEval's `check(candidate)`): (its def's first line, the calls its
    first asserts make of its parameter, builtins they use), or None. Kept per source."""
    key = (source, check_name, entry_name)
    if key in PLANS:
        return PLANS[key]
    plan = None
    try:
        tree = ast.parse(source)
        defs = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == check_name]
        fn = defs[-1] if defs else None
        params = (fn.args.posonlyargs + fn.args.args) if isinstance(fn, ast.FunctionDef) else []
        if fn is not None and isinstance(fn, ast.FunctionDef) and not fn.decorator_list and params:
            requests, used = predicted_calls(fn.body, {params[0].arg: entry_name})
            if requests:
                plan = (fn.lineno, requests, used)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        plan = None
    while len(PLANS) >= PLAN_CAP:
        PLANS.pop(next(iter(PLANS)))
    PLANS[key] = plan
    return plan


def plan_usable(plan_builtins, ns):
    """The builtins a plan applies to answers are still the builtins the tests' names resolve to."""
    return all(name not in ns and getattr(builtins, name, None) is PLAIN_BUILTINS[name] for name in plan_builtins) and \
        ns.get('__builtins__') is builtins


def send_check_plan(link, source, check, module_code, entry):
    """Plan the check function's first calls when `check` is the function its source defines (the
    code object compiled from that def, not a later rebinding or a wrapper)."""
    if type(check) is not types.FunctionType or sys.flags.optimize:  # under -O an assert makes no call
        return
    plan = check_plan(source, check.__name__, entry._name)
    if plan is None:
        return
    lineno, requests, used = plan
    code = check.__code__
    if code.co_firstlineno != lineno or not any(c is code for c in module_code.co_consts) or not plan_usable(used, check.__globals__):
        return
    link.plan_calls(requests)


def compile_tests(source, filename, cache):
    """Test code compiled by the server before the fork when it could, else here."""
    code = cache.get((source, filename)) if cache is not None else None
    if code is None:
        return compile(source, filename, 'exec')
    if isinstance(code, SyntaxError):
        raise code
    return code


COMPILED = {}  # (source, filename) -> code or SyntaxError, filled by the server before it forks


def run_tests(job, ns, link):
    tests = job['tests']
    if tests['kind'] == 'check-function':
        source = tests['code']
        lines = source.split('\n')
        try:
            code = compile_tests(source, '<tests>', COMPILED)
        except SyntaxError as exc:
            return {'type': 'end', 'status': 'failed', 'phase': 'tests', 'exception': 'SyntaxError',
                    'message': encoding.safe_str(exc), 'line': exc.lineno or 0, 'ran': 0}
        try:
            exec(code, ns)
            stage = tests.get('stage')
            if stage is not None:
                mark_stage(ns, stage, link)
            check = ns.get(tests['checkFunction'])
            if not callable(check):
                raise NameError('the check function %r is not defined' % tests['checkFunction'])
            entry = ns.get(job['entryPoint'])
            if not isinstance(entry, Proxy):
                raise NameError('name %r is not defined' % job['entryPoint'])
            # Not under a step budget: each call's request carries what the earlier calls left, known only once they end.
            if tests['checkFunction'] == getattr(check, '__name__', None) and link.steps_left is None and link.call_limits is None:
                send_check_plan(link, source, check, code, entry)  # the calls its first asserts make, sent ahead
            check(entry)
        except (LinkBroken, StepBudgetSpent, CallStopped):
            raise
        except BaseException as exc:
            return failure_record(exc, link, {'type': 'end', 'status': 'failed', 'phase': 'tests', 'ran': 0},
                                  '<tests>', lines)
        return {'type': 'end', 'status': 'passed', 'ran': 1}
    ran = 0
    for index, text in enumerate(tests['asserts']):
        try:
            code = compile_tests(text, '<assert %d>' % index, COMPILED)
        except SyntaxError as exc:
            return {'type': 'end', 'status': 'failed', 'phase': 'tests', 'assertIndex': index, 'assert': text,
                    'exception': 'SyntaxError', 'message': encoding.safe_str(exc), 'ran': ran}
        try:
            exec(code, ns)
        except (LinkBroken, StepBudgetSpent, CallStopped):
            raise
        except BaseException as exc:
            return failure_record(exc, link, {'type': 'end', 'status': 'failed', 'phase': 'tests',
                                              'assertIndex': index, 'assert': text, 'ran': ran})
        ran += 1
        if tests.get('progress'):
            link.reporter.send(PROGRESS_RECORD)
    return {'type': 'end', 'status': 'passed', 'ran': ran}


# What the oracle writes when a stage of the tests has passed: a timeout's `completed` counts them.
PROGRESS_RECORD = {'type': 'progress'}


def mark_stage(ns, name, link):
    """Wrap the test code's function `name` (the original check inside a strengthened one) so that its
    return is reported: a timeout after it then tells that the original tests passed. Test code is the
    benchmark's, not the candidate's; the record goes on the oracle's own channel."""
    inner = ns.get(name)
    if not callable(inner):
        raise NameError('the stage function %r is not defined' % name)

    def marked(*args, **kwargs):
        value = inner(*args, **kwargs)
        link.reporter.send(PROGRESS_RECORD)
        return value

    ns[name] = marked


# --- call jobs ---------------------------------------------------------------------------------

def signature_of(source, name):
    """Parameter names and literal defaults of `def name(...)` at the top of `source`, read from
    its syntax tree (nothing of the program runs here); None when it cannot be read that way."""
    import ast
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    found = None
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            found = node
    if found is None:
        return None
    a = found.args
    if a.posonlyargs or a.kwonlyargs:
        return None
    params = [p.arg for p in a.args]
    defaults = {}
    for param, default in zip(params[len(params) - len(a.defaults):], a.defaults):
        try:
            defaults[param] = ast.literal_eval(default)
        except (ValueError, TypeError, SyntaxError, RecursionError):
            return None
    return params, a.vararg.arg if a.vararg else None, defaults


def bind_contract(job):
    """EvalPlus contracts are assert lines from the reference's body, run here (never in the
    candidate) with the arguments bound by name. Returns (check, lines) or None."""
    import textwrap
    body = textwrap.dedent(job['contract'].strip('\n'))
    code = compile(body, '<contract>', 'exec')
    sig = signature_of(job.get('program', {}).get('candidate', ''), job['entryPoint'])
    if sig is None:
        return None
    params, vararg, defaults = sig

    def check(args):
        if len(args) > len(params) and vararg is None:
            raise TypeError('too many arguments')
        env = {'__builtins__': builtins}
        env.update(defaults)
        env.update(zip(params, args))
        if vararg is not None:
            env[vararg] = tuple(args[len(params):])
        exec(code, env)

    return check, body.split('\n')


def contract_verdict(contract, args):
    """None when the input satisfies the contract, else the AssertionError. Other exceptions mean
    the contract cannot be checked on this input; the input is then run as is."""
    import copy
    try:
        contract(copy.deepcopy(args))
    except AssertionError as exc:
        return exc
    except BaseException:
        return None
    return None


def promote_ints(value):
    """JSON read by Node loses 1.0 vs 1: ints (not bools) back to floats, recursively."""
    t = type(value)
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
    t = type(value)
    if t is int:
        return True
    if t in (list, tuple):
        return any(has_int(v) for v in value)
    if t is dict:
        return any(has_int(v) for v in value.values())
    return False


def _limit_at(limits, index):
    """A per-input limit in seconds from a number or a list aligned with the inputs (0: none)."""
    if isinstance(limits, list):
        value = limits[index] if index < len(limits) else 0
    else:
        value = limits or 0
    return value / 1000.0 if value else 0.0


def decode_input(tree):
    """An input list from Node: JSON values with tagged tuples, sets, dicts, complex, big ints and
    non-finite floats (the typed form), decoded generically."""
    if type(tree) is not list:
        raise ValueError('an input is not an argument list')
    return [typed_to_value(v) for v in tree]


def typed_to_value(tree, depth=0):
    t = type(tree)
    if tree is None or t in (bool, int, float, str):
        return tree
    if depth > encoding.MAX_DEPTH:
        raise ValueError('nesting too deep')
    if t is list:
        return [typed_to_value(v, depth + 1) for v in tree]
    if t is dict and len(tree) == 1:
        (tag, body), = tree.items()
        if tag == 'tuple' and type(body) is list:
            return tuple(typed_to_value(v, depth + 1) for v in body)
        if tag in ('set', 'frozenset') and type(body) is list:
            items = [typed_to_value(v, depth + 1) for v in body]
            return set(items) if tag == 'set' else frozenset(items)
        if tag == 'dict' and type(body) is list and all(type(p) is list and len(p) == 2 for p in body):
            return {typed_to_value(k, depth + 1): typed_to_value(v, depth + 1) for k, v in body}
        if tag == 'int' and type(body) is str:
            return int(body)
        if tag == 'float' and body in ('nan', 'inf', '-inf'):
            return float(body)
        if tag == 'complex' and type(body) is list and len(body) == 2:
            return complex(typed_to_value(body[0]), typed_to_value(body[1]))
    # Every JSON object is a tag (the EvalPlus adapter tags dicts too): anything else is no input.
    raise ValueError('not a value: %s' % t.__name__)


def run_calls(job, callables, link):
    """Call the entry point on each input; one output record per input, sent as it is made."""
    outputs = OutputStream(link.reporter)
    name = job['entryPoint']
    if name not in callables:
        return {'type': 'end', 'status': 'failed', 'phase': 'setup', 'exception': 'NameError',
                'message': '%r is not defined or not callable' % name, 'ran': 0}
    contract = None
    contract_lines = None
    if job.get('contract', '').strip():
        try:
            bound = bind_contract(job)
        except BaseException as exc:
            return dict({'type': 'end', 'status': 'failed', 'phase': 'setup', 'ran': 0}, **describe_exception(exc))
        if bound is not None:
            contract, contract_lines = bound
    inputs = job['inputs']
    start = job.get('startIndex', 0)
    per_input_s = job.get('perInputMs', 0) / 1000.0
    cpu_limits = job.get('perInputCpuMs')
    step_cap = job.get('perInputSteps', 0)
    step_cap = step_cap if type(step_cap) is int and step_cap > 0 else 0
    want_digest = bool(job.get('digests'))
    expect = job.get('expectDigests')
    stop = bool(job.get('stopOnDifference'))
    # With expectDigests: end the job after this many outputs that are not 'same' (0: no such limit).
    stop_after = job.get('stopAfterDifferences', 0)
    stop_after = stop_after if type(stop_after) is int and stop_after > 0 and expect else 0
    differences = 0
    budget_s = job.get('stopAfterCpuMs', 0) / 1000.0
    used_s = 0.0
    ran = 0
    end = {'type': 'end', 'status': 'passed', 'ran': 0}
    try:
        for index in range(start, len(inputs)):
            try:
                args = decode_input(inputs[index])
            except BaseException as exc:
                outputs.append(dict({'type': 'output', 'index': index, 'status': 'bad-input'}, **describe_exception(exc)))
                ran += 1
                continue
            promoted = False
            if contract is not None:
                verdict = contract_verdict(contract, args)
                if verdict is not None and has_int(args):
                    alt = promote_ints(args)
                    if contract_verdict(contract, alt) is None:
                        args, verdict, promoted = alt, None, True
                if verdict is not None:
                    outputs.append(dict({'type': 'output', 'index': index, 'status': 'contract-violation'},
                                        **describe_exception(verdict, '<contract>', contract_lines)))
                    ran += 1
                    continue
            cpu_s = _limit_at(cpu_limits, index) if cpu_limits else 0.0
            t0 = time.perf_counter()
            status, value, cpu_ms = link.call(name, args, {}, per_input_s, cpu_s, non_data_ends=False, steps=step_cap)
            elapsed = time.perf_counter() - t0
            used_s += (cpu_ms or 0) / 1000.0
            counted = {'steps': link.last_steps} if step_cap and link.last_steps is not None else {}
            if status == 'timeout':
                # Which limit ended it: the step cap (deterministic) or CPU time (a backstop).
                reason = {'reason': 'step-cap' if counted and counted['steps'] > step_cap else 'cpu'} if step_cap else {}
                outputs.append(dict({'type': 'output', 'index': index, 'status': 'timeout'}, **reason, **counted))
            elif status == 'non-data':
                # Not evaluated here: reported as raised, so no comparison can take it for a value.
                outputs.append({'type': 'output', 'index': index, 'status': 'raised', 'exception': 'NonDataResult',
                                'message': value})
            elif status == 'raised':
                rec = {'type': 'output', 'index': index, 'status': 'raised',
                       'exception': value.get('exception') if type(value.get('exception')) is str else 'Exception',
                       'message': value.get('message') if type(value.get('message')) is str else ''}
                if value.get('limit') in ('memory', 'resource'):
                    rec['reason'] = value['limit']
                rec.update(counted)
                outputs.append(rec)
            else:
                typed = encoding.capped_value(value)
                digest = encoding.output_digest(typed) if want_digest or expect else None
                if expect and index < len(expect) and digest == expect[index]:
                    outputs.append({'type': 'output', 'index': index, 'status': 'same'})
                    ran += 1
                    continue
                rec = {'type': 'output', 'index': index, 'status': 'returned', 'value': typed,
                       'repr': encoding.short_repr(value), 'ms': round(elapsed * 1000, 3)}
                if want_digest:
                    rec['digest'] = digest
                    rec['cpuMs'] = cpu_ms if cpu_ms is not None else 0
                if promoted:
                    rec['promoted'] = True
                rec.update(counted)
                outputs.append(rec)
            ran += 1
            differences += 1
            if (stop and (expect or status != 'ok')) or (budget_s > 0 and used_s > budget_s) \
                    or (stop_after and differences >= stop_after):
                end.update(ran=ran, stoppedAt=index)
                return end
    except LinkBroken:
        return end_record(link, {})
    end['ran'] = ran
    return end


# --- prompt examples ---------------------------------------------------------------------------

def values_match(actual, expected, atol):
    """Prompt-example comparison: ==, with floats compared to a tolerance (recursively)."""
    import math
    if isinstance(actual, float) or isinstance(expected, float):
        if isinstance(actual, (int, float)) and isinstance(expected, (int, float)) \
                and not isinstance(actual, bool) and not isinstance(expected, bool):
            return math.isclose(actual, expected, rel_tol=1e-6, abs_tol=atol) or actual == expected
    if type(actual) in (list, tuple) and type(expected) in (list, tuple):
        return type(actual) is type(expected) and len(actual) == len(expected) and all(
            values_match(a, e, atol) for a, e in zip(actual, expected))
    try:
        return bool(actual == expected)
    except BaseException:
        return False


def eval_with_imports(expr, ns):
    """Evaluate an example; a module the prompt uses without importing it (math.isclose in MBPP+
    prompts, whose tests import it) is imported and the evaluation retried."""
    code = compile(expr, '<example>', 'eval')
    for _attempt in range(3):
        try:
            return eval(code, ns)
        except NameError as exc:
            name = getattr(exc, 'name', None)
            if not name or name in ns:
                raise
            try:
                ns[name] = __import__(name)
            except ImportError:
                raise exc
    return eval(code, ns)


def raise_spent(link):
    """An example that spent the job's step budget ends the examples (the caller reports the timeout)."""
    if link.steps_spent:
        raise StepBudgetSpent()


def run_examples(job, ns, link):
    """Evaluate prompt examples `call` and compare with `expected` (a Python expression, or doctest text)."""
    atol = job.get('atol', 1e-6)
    outputs = OutputStream(link.reporter)
    ran = 0
    for index, ex in enumerate(job['examples']):
        rec = {'type': 'output', 'index': index}
        try:
            actual = eval_with_imports(ex['call'], ns)
        except (LinkBroken, StepBudgetSpent, CallStopped):
            raise_spent(link)
            return end_record(link, {})
        except SyntaxError as exc:
            rec.update({'status': 'bad-call', **describe_exception(exc)})
            outputs.append(rec)
            ran += 1
            continue
        except BaseException as exc:
            rec.update({'status': 'raised', **describe_exception(exc)})
            if isinstance(exc, CandidateException):
                rec['exception'] = exc.name
            outputs.append(rec)
            ran += 1
            continue
        rec['actual'] = encoding.short_repr(actual)
        expected_text = ex['expected']
        try:
            expected = eval_with_imports(expected_text, dict(ns))
            if ex.get('truthy'):
                match = bool(actual) == bool(expected)
            else:
                match = values_match(actual, expected, atol)
            rec['status'] = 'match' if match else 'mismatch'
        except (LinkBroken, StepBudgetSpent, CallStopped):
            raise_spent(link)
            return end_record(link, {})
        except BaseException:
            match = encoding.safe_repr(actual).strip() == expected_text.strip() or \
                encoding.safe_str(actual).strip() == expected_text.strip()
            rec['status'] = 'match' if match else 'not-evaluable'
            rec['compared'] = 'text'
        outputs.append(rec)
        ran += 1
    return {'type': 'end', 'status': 'passed', 'ran': ran}
