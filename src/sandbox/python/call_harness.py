"""The candidate's side of a job: runs the program (imports, candidate, setup) in a fresh
`__main__` module, then answers call requests from the oracle until told to finish.

Everything here runs in the candidate's own process, which holds no result channel: it can only
send messages in the wire encoding (encoding.py) to the oracle, which decodes them strictly. A
program that patches this code, its builtins or json only changes what it sends, and whatever it
sends is a plain value, just as if it had returned it.
"""

import os
import signal
import sys
import time
import types

import encoding
from limits import limit_error
from steps import StepCounter, StepLimit

CANDIDATE_FILE = '<candidate>'
_PathFinder = sys.modules['_frozen_importlib_external'].PathFinder  # what `import` itself uses for stdlib modules


class RandomSeeds:
    """Makes `random` draw the same in every run. Imported, it seeds itself from os.urandom; here it is seeded
    from the worker's hash seed as the program first imports it, and again before each call from the hash
    seed and the call (function name and arguments), so a randomized program (HumanEval+'s Miller-Rabin)
    answers a call the same whether it runs batched, alone or in a rerun. A meta-path finder, not an
    import in the server: random's at-fork hook would slow every job's fork, and most programs never use it.
    Instances the program makes itself (`random.Random()`) and os.urandom stay unseeded."""

    def __init__(self, hash_seed):
        self.prefix = ('%s|' % (hash_seed,)).encode('ascii', 'replace')
        self.seed = None  # the module's own `seed`, bound before the program can rebind it

    def find_spec(self, name, path=None, target=None):
        if name != 'random' or self.seed is not None:
            return None
        spec = _PathFinder.find_spec(name, path, target)
        if spec is not None and spec.loader is not None and hasattr(spec.loader, 'exec_module'):
            spec.loader = SeedingLoader(spec.loader, self)
        return spec

    def imported(self, module):
        inst = getattr(module, '_inst', None)
        seed = getattr(inst, 'seed', None)
        if callable(seed):
            self.seed = seed
            seed(self.prefix + b'program')

    def before_call(self, request):
        """Reseeds for one call; nothing when the program has not imported random."""
        if self.seed is not None:
            self.seed(self.prefix + encoding.dumps([request.get('name'), request.get('args'), request.get('kwargs')]))


class SeedingLoader:
    """random's own loader, then RandomSeeds.imported; anything else (get_source, is_package) is the loader's."""

    def __init__(self, loader, seeds):
        self._loader = loader
        self._seeds = seeds

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._seeds.imported(module)

    def __getattr__(self, name):
        return getattr(self._loader, name)


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
        # A step cap on the running call (0: none), counted here: one trace function at a time.
        self.cap = 0
        self.steps = [0]

    def start_call(self, cap):
        """Count the next call's line events and raise StepLimit past `cap` (0: no cap). A trace function that
        raises is unset by Python, so it is set again for every call."""
        self.cap = cap
        self.steps[0] = 0
        sys.settrace(self.global_trace)

    def capped(self):
        return self.cap > 0 and self.steps[0] > self.cap

    def global_trace(self, frame, event, arg):
        if frame.f_code.co_filename != CANDIDATE_FILE:
            return None
        calls = self.call_lines
        caller = frame.f_back
        if caller is None or caller.f_code.co_filename != CANDIDATE_FILE:
            keep = frame.f_code.co_name != '<module>' and len(calls) < self.CALLS_KEPT
            if keep:
                calls.append(0)
            self.slot = len(calls) - 1 if keep else -1
        slot = self.slot
        last = [-frame.f_code.co_firstlineno]

        cap = self.cap
        steps = self.steps

        def local(frame, event, arg, lines=self.lines, arcs=self.arcs):
            if event == 'line':
                lines.add(frame.f_lineno)
                arcs.add((last[0], frame.f_lineno))
                last[0] = frame.f_lineno
                if slot >= 0:
                    calls[slot] += 1
                if cap:
                    steps[0] += 1
                    if steps[0] > cap:
                        raise StepLimit()
            elif event == 'return':
                arcs.add((last[0], -frame.f_code.co_firstlineno))
            return local

        return local

    def record(self):
        return {'lines': sorted(self.lines), 'arcs': sorted([list(a) for a in self.arcs]), 'callLines': self.call_lines}


class CoverageCount:
    """StepCounter's interface over the coverage tracer's own count of one call."""

    __slots__ = ('_coverage', 'cap')

    def __init__(self, coverage, cap):
        self._coverage = coverage
        self.cap = cap

    @property
    def count(self):
        return self._coverage.steps[0]

    def start(self):
        self._coverage.start_call(self.cap)

    def stop(self):
        # Tracing goes on (coverage of later calls), uncapped until the next call sets its cap.
        self._coverage.cap = 0
        sys.settrace(self._coverage.global_trace)

    def capped(self):
        return self._coverage.steps[0] > self.cap


def describe_exception(exc, filename=None, lines=None):
    """Type, message, and (when the traceback passes through `filename`) the innermost line there."""
    out = {'exception': type(exc).__name__, 'message': encoding.safe_str(exc)}
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


def run_phase(name, source, ns):
    """Compile and run a phase of the program; None, or the failure as a dict."""
    if not source.strip():
        return None
    filename = '<%s>' % name
    try:
        code = compile(source, filename, 'exec')
    except SyntaxError as exc:
        return {'phase': name, 'exception': 'SyntaxError', 'message': encoding.safe_str(exc), 'line': exc.lineno or 0}
    try:
        exec(code, ns)
    except BaseException as exc:
        failure = {'phase': name}
        failure.update(describe_exception(exc, filename, source.split('\n')))
        lim = limit_error(exc)
        if lim:
            failure['limit'] = lim
        return failure
    return None


def program_phases(program):
    return (('imports', '\n'.join(program.get('imports', []))), ('candidate', program.get('candidate', '')),
            ('setup', program.get('setup', '')))


class InputTimeout(BaseException):
    """Raised by the per-call timer."""


def _on_alarm(_sig, _frame):
    raise InputTimeout()


class Channel:
    """Framed messages to and from the oracle, with functions bound before the program runs."""

    def __init__(self, in_fd, out_fd):
        self.in_fd = in_fd
        self.out_fd = out_fd
        self._read = os.read
        self._write = os.write
        self._dumps = encoding.dumps

    def send(self, message):
        message['v'] = encoding.WIRE_VERSION
        encoding.write_frame(self.out_fd, self._dumps(message), self._write)

    def receive(self):
        data = encoding.read_frame(self.in_fd, self._read)
        return None if data is None else encoding.loads(data)


def candidate_main(job, in_fd, out_fd, hash_seed=''):
    """Runs in the candidate's forked process after its limits are set. Never returns."""
    channel = Channel(in_fd, out_fd)
    seeds = RandomSeeds(hash_seed)
    sys.meta_path.insert(0, seeds)
    module = types.ModuleType('__main__')
    module.__dict__['__builtins__'] = __builtins__
    # The program's own module is __main__ (doctest.testmod() and `import __main__` find it).
    sys.modules['__main__'] = module
    ns = module.__dict__
    coverage = Coverage() if job.get('coverage') else None
    failure = None
    for name, source in program_phases(job.get('program', {})):
        if name == 'candidate' and coverage is not None:
            sys.settrace(coverage.global_trace)
        failure = run_phase(name, source, ns)
        if failure is not None:
            break
    if failure is not None:
        sys.settrace(None)
        channel.send({'failed': failure})
        os._exit(0)
    callables = sorted(k for k, v in list(ns.items()) if type(k) is str and callable(v))
    # Modules the program imported, by name: tests may use them without importing them (MBPP's
    # `math.isclose` asserts); the oracle imports its own copy of each.
    modules = sorted([k, v.__name__] for k, v in list(ns.items())
                     if type(k) is str and isinstance(v, types.ModuleType) and type(getattr(v, '__name__', None)) is str)
    channel.send({'ready': callables, 'modules': modules})
    serve(channel, ns, coverage, seeds)
    os._exit(0)


def serve(channel, ns, coverage, seeds):
    alarm_set = prof_set = False
    while True:
        try:
            request = channel.receive()
        except encoding.Malformed:
            return
        if request is None:
            return
        op = request.get('op')
        if op == 'finish':
            sys.settrace(None)
            channel.send({'finished': coverage.record() if coverage is not None else None})
            return
        if op != 'call':
            return
        fn = ns.get(request.get('name'))
        try:
            args = encoding.from_tree(request.get('args', []))
            kwargs = encoding.from_tree(request.get('kwargs', {'dict': []}))
        except encoding.Malformed:
            return
        alarm_s = request.get('alarm') or 0
        cpu_s = request.get('cpu') or 0
        if alarm_s and not alarm_set:
            signal.signal(signal.SIGALRM, _on_alarm)
            alarm_set = True
        if cpu_s and not prof_set:
            signal.signal(signal.SIGPROF, _on_alarm)
            prof_set = True
        cap = request.get('steps') or 0
        cap = cap if type(cap) is int and cap > 0 else 0
        # Under coverage its own trace function counts (one trace function at a time).
        counter = StepCounter(cap) if cap and coverage is None else (CoverageCount(coverage, cap) if cap else None)
        seeds.before_call(request)
        c0 = time.process_time()
        try:
            if not callable(fn):
                raise NameError('name %r is not defined' % (request.get('name'),))
            if alarm_s:
                signal.setitimer(signal.ITIMER_REAL, alarm_s)
            if cpu_s:
                signal.setitimer(signal.ITIMER_PROF, cpu_s)
            if counter is not None:
                counter.start()
            try:
                out = fn(*args, **kwargs)
            finally:
                if counter is not None:
                    counter.stop()
                if alarm_s:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                if cpu_s:
                    signal.setitimer(signal.ITIMER_PROF, 0)
        except (InputTimeout, StepLimit):
            pass
        except BaseException as exc:
            if counter is None or not counter.capped():
                raised = describe_exception(exc)
                lim = limit_error(exc)
                if lim:
                    raised['limit'] = lim
                reply = {'raised': raised, 'cpu': round((time.process_time() - c0) * 1000, 3)}
                if counter is not None:
                    reply['steps'] = counter.count
                channel.send(reply)
                continue
            # Past the step cap, whatever it raised after: a timeout like any other capped call.
        else:
            cpu_ms = round((time.process_time() - c0) * 1000, 3)
            if counter is None or not counter.capped():
                try:
                    reply = {'ok': encoding.to_tree(out), 'cpu': cpu_ms}
                    if counter is not None:
                        reply['steps'] = counter.count
                    back = request.get('back')
                    if back:
                        reply['back'] = [encoding.to_tree(args[i]) for i in back]
                except (encoding.NonData, RecursionError) as exc:
                    reply = {'nonData': {'type': type(out).__name__, 'detail': encoding.safe_str(exc),
                                         'repr': encoding.short_repr(out)}}
                channel.send(reply)
                continue
            # It caught the step limit and went on: past the cap all the same.
        reply = {'timeout': True, 'cpu': round((time.process_time() - c0) * 1000, 3)}
        if counter is not None:
            reply['steps'] = counter.count
        channel.send(reply)
