"""Values as data: the versioned encoding in which calls cross between the candidate's process and
the oracle's, the framing of those messages, and the typed form in which the oracle reports outputs
to Node.

Wire encoding, version 1 (WIRE_VERSION), a JSON text in Python's dialect (NaN, Infinity):
  None, bool, str, float (incl. nan/inf)  -> the JSON value (a float's text always has '.', 'e' or is
                                              NaN/Infinity, so it never reads back as an int)
  int                                      -> a JSON integer when |n| < 2**53, else {"int": "<hex>"}
  list                                     -> a JSON array
  tuple, set, frozenset                    -> {"tuple"|"set"|"frozenset": [items]}
  dict                                     -> {"dict": [[key, value], ...]} (insertion order kept)
  complex                                  -> {"complex": [real, imag]}
  bytes                                    -> {"bytes": "<hex>"}
  a builtin type (int, str, list, ...)     -> {"type": "<name>"} (tests pass types: `remove_datatype(t, int)`)
  collections.Counter / OrderedDict        -> {"Counter"|"OrderedDict": [[key, value], ...]}
  collections.defaultdict                  -> {"defaultdict": [<builtin type name or null>, [[key, value], ...]]}
  collections.deque                        -> {"deque": [[items], maxlen or null]}
  re.Match                                 -> {"match": [string, pattern, [[start, end], ...], [[group name, index], ...]]}
                                              (decoded as CrossedMatch: group/groups/span/start/end, truthy)
Only exact types are data: a subclass (an int whose __eq__ says yes to everything) is not. Every
JSON object is a tag, so no dict can pass for a tagged value. Decoding is strict: anything else is
malformed, and never evaluated.
"""

import collections
import json
import re

WIRE_VERSION = 1
MAX_DEPTH = 100  # nesting a plain value may have; deeper (or cyclic) values are not data
SAFE_INT = 2 ** 53  # ints below this in magnitude are exact in JSON readers (Node's doubles)
FRAME_HEADER = 4  # bytes of big-endian length before each message
FRAME_CAP = 64 * 1024 * 1024  # largest message read: large outputs fit, a flood does not

_TAGS_SEQ = ('tuple', 'set', 'frozenset')
_BUILTIN_TYPES = {t.__name__: t for t in (int, float, complex, str, bytes, bool, list, tuple, dict, set, frozenset,
                                          type(None), object, type, bytearray, range, slice)}
_BUILTIN_TYPE_SET = frozenset(_BUILTIN_TYPES.values())
_PAIR_TYPES = {'Counter': collections.Counter, 'OrderedDict': collections.OrderedDict}


class NonData(Exception):
    """A value that is not plain data (its type name in args[0])."""


class Malformed(ValueError):
    """A message that is not a valid encoding."""


_SCALAR_TYPES = frozenset((str, float, bool, type(None)))


def _flat(items, _scalars=_SCALAR_TYPES, _int=int, _type=type, _lo=-SAFE_INT, _hi=SAFE_INT):
    """A list of scalars only (ints within SAFE_INT): encoded and decoded as it is, without a walk."""
    for v in items:
        t = _type(v)
        if t is _int:
            if not _lo < v < _hi:
                return False
        elif t not in _scalars:
            return False
    return True


def to_tree(value, depth=0):
    """The JSON-able tree of a plain value; NonData for anything else."""
    t = type(value)
    if value is None or t is bool or t is str or t is float:
        return value
    if t is int:
        return value if -SAFE_INT < value < SAFE_INT else {'int': int.__format__(value, 'x')}
    if depth >= MAX_DEPTH:
        raise NonData('nesting deeper than %d' % MAX_DEPTH)
    if t is list:
        if _flat(value):
            return value  # JSON writes a flat list of scalars as it is
        return [to_tree(v, depth + 1) for v in value]
    if t is tuple:
        return {'tuple': [to_tree(v, depth + 1) for v in value]}
    if t is set:
        return {'set': [to_tree(v, depth + 1) for v in value]}
    if t is frozenset:
        return {'frozenset': [to_tree(v, depth + 1) for v in value]}
    if t is dict:
        return {'dict': [[to_tree(k, depth + 1), to_tree(v, depth + 1)] for k, v in value.items()]}
    if t is complex:
        return {'complex': [value.real, value.imag]}
    if t is bytes:
        return {'bytes': value.hex()}
    if t is type and value in _BUILTIN_TYPE_SET:
        return {'type': value.__name__}
    if t is collections.Counter or t is collections.OrderedDict:
        return {t.__name__: [[to_tree(k, depth + 1), to_tree(v, depth + 1)] for k, v in value.items()]}
    if t is collections.defaultdict:
        factory = value.default_factory
        if factory is not None and factory not in _BUILTIN_TYPE_SET:
            raise NonData('defaultdict with factory %s' % getattr(factory, '__name__', type(factory).__name__))
        return {'defaultdict': [None if factory is None else factory.__name__,
                                [[to_tree(k, depth + 1), to_tree(v, depth + 1)] for k, v in value.items()]]}
    if t is collections.deque:
        return {'deque': [[to_tree(v, depth + 1) for v in value], value.maxlen]}
    if t is re.Match:
        return {'match': [to_tree(value.string, depth + 1), to_tree(value.re.pattern, depth + 1),
                          [list(r) for r in value.regs], [[k, v] for k, v in value.re.groupindex.items()]]}
    raise NonData(t.__name__)


def from_tree(tree, depth=0):
    """The value of a tree; Malformed for anything that is not one."""
    t = type(tree)
    if tree is None or t is bool or t is str or t is float or t is int:
        return tree
    if depth >= MAX_DEPTH:
        raise Malformed('nesting deeper than %d' % MAX_DEPTH)
    if t is list:
        if _flat(tree):
            return tree  # JSON gave a list of scalars: already the value
        return [from_tree(v, depth + 1) for v in tree]
    if t is not dict or len(tree) != 1:
        raise Malformed('a JSON object that is not a tag')
    (tag, body), = tree.items()
    try:
        if tag in _TAGS_SEQ:
            if type(body) is not list:
                raise Malformed('%s body is not an array' % tag)
            items = [from_tree(v, depth + 1) for v in body]
            return tuple(items) if tag == 'tuple' else set(items) if tag == 'set' else frozenset(items)
        if tag == 'dict':
            if type(body) is not list:
                raise Malformed('dict body is not an array')
            out = {}
            for pair in body:
                if type(pair) is not list or len(pair) != 2:
                    raise Malformed('dict entry is not a pair')
                out[from_tree(pair[0], depth + 1)] = from_tree(pair[1], depth + 1)
            return out
        if tag == 'int':
            if type(body) is not str or not body or len(body) > FRAME_CAP:
                raise Malformed('int body is not a hex string')
            return int(body, 16)
        if tag == 'complex':
            if type(body) is not list or len(body) != 2 or any(type(x) not in (int, float) for x in body):
                raise Malformed('complex body is not two numbers')
            return complex(float(body[0]), float(body[1]))
        if tag == 'bytes':
            if type(body) is not str:
                raise Malformed('bytes body is not a hex string')
            return bytes.fromhex(body)
        if tag == 'type':
            if body not in _BUILTIN_TYPES:
                raise Malformed('not a builtin type')
            return _BUILTIN_TYPES[body]
        if tag in _PAIR_TYPES:
            return _PAIR_TYPES[tag](dict(_pairs(body, depth)))
        if tag == 'defaultdict':
            if type(body) is not list or len(body) != 2 or (body[0] is not None and body[0] not in _BUILTIN_TYPES):
                raise Malformed('defaultdict body is not [factory, pairs]')
            return collections.defaultdict(None if body[0] is None else _BUILTIN_TYPES[body[0]], _pairs(body[1], depth))
        if tag == 'deque':
            if type(body) is not list or len(body) != 2 or type(body[0]) is not list or \
                    not (body[1] is None or (type(body[1]) is int and body[1] >= 0)):
                raise Malformed('deque body is not [items, maxlen]')
            return collections.deque([from_tree(v, depth + 1) for v in body[0]], body[1])
        if tag == 'match':
            return CrossedMatch.from_body(body)
    except TypeError as exc:  # an unhashable set member or dict key
        raise Malformed(str(exc)) from None
    except ValueError as exc:
        if isinstance(exc, Malformed):
            raise
        raise Malformed(str(exc)) from None
    raise Malformed('unknown tag %r' % (tag[:40],))


_ENCODER = json.JSONEncoder(ensure_ascii=True, separators=(',', ':'))  # built once: json.dumps with options builds one per call
_RECORD_ENCODER = json.JSONEncoder(ensure_ascii=True, separators=(',', ':'), allow_nan=False)
_DECODER = json.JSONDecoder()


def _pairs(body, depth):
    if type(body) is not list:
        raise Malformed('a mapping body is not an array')
    out = []
    for pair in body:
        if type(pair) is not list or len(pair) != 2:
            raise Malformed('a mapping entry is not a pair')
        out.append((from_tree(pair[0], depth + 1), from_tree(pair[1], depth + 1)))
    return out


class CrossedMatch:
    """A re.Match as data: the string, the pattern's text, the group spans and names. Truthy like a
    match; group/groups/groupdict/span/start/end answer as the original would."""

    __slots__ = ('string', 'pattern', 'regs', 'groupindex')

    def __init__(self, string, pattern, regs, groupindex):
        self.string = string
        self.pattern = pattern
        self.regs = regs
        self.groupindex = groupindex

    @classmethod
    def from_body(cls, body):
        if type(body) is not list or len(body) != 4:
            raise Malformed('match body is not [string, pattern, regs, groupindex]')
        string, pattern, regs, names = body
        if type(string) is not str or type(pattern) is not str or type(regs) is not list or not regs or \
                type(names) is not list:
            raise Malformed('match body of wrong types')
        spans = []
        for r in regs:
            if type(r) is not list or len(r) != 2 or any(type(x) is not int for x in r):
                raise Malformed('match span is not two ints')
            spans.append((r[0], r[1]))
        index = {}
        for n in names:
            if type(n) is not list or len(n) != 2 or type(n[0]) is not str or type(n[1]) is not int \
                    or not 0 < n[1] < len(spans):
                raise Malformed('match group name entry is not [name, index]')
            index[n[0]] = n[1]
        return cls(string, pattern, tuple(spans), index)

    def _index(self, g):
        i = self.groupindex.get(g, g) if type(g) is str else g
        if type(i) is not int or not 0 <= i < len(self.regs):
            raise IndexError('no such group')
        return i

    def group(self, *groups):
        if not groups:
            groups = (0,)
        out = []
        for g in groups:
            s, e = self.regs[self._index(g)]
            out.append(None if s < 0 else self.string[s:e])
        return out[0] if len(out) == 1 else tuple(out)

    __getitem__ = group

    def groups(self, default=None):
        return tuple(default if s < 0 else self.string[s:e] for s, e in self.regs[1:])

    def groupdict(self, default=None):
        return {name: (default if self.regs[i][0] < 0 else self.group(i)) for name, i in self.groupindex.items()}

    def span(self, g=0):
        return self.regs[self._index(g)]

    def start(self, g=0):
        return self.regs[self._index(g)][0]

    def end(self, g=0):
        return self.regs[self._index(g)][1]

    def __bool__(self):
        return True

    def __repr__(self):
        return '<re.Match object; span=%r, match=%r>' % (self.regs[0], self.group(0))


def dumps(message, _encode=_ENCODER.encode):
    """A message (a dict of trees) as bytes."""
    return _encode(message).encode('ascii')


def loads(data):
    """A message read from the other side: a JSON object carrying this WIRE_VERSION."""
    try:
        message = _DECODER.decode(data.decode('ascii'))
    except UnicodeDecodeError:
        raise Malformed('not ASCII') from None
    except (ValueError, RecursionError) as exc:
        raise Malformed('not JSON: %s' % (str(exc)[:200],)) from None
    if type(message) is not dict or message.get('v') != WIRE_VERSION:
        raise Malformed('not a version %d message' % WIRE_VERSION)
    return message


def write_frame(fd, data, write):
    """Send one message: length header, then the bytes (`write` is os.write, bound by the caller)."""
    view = memoryview(len(data).to_bytes(FRAME_HEADER, 'big') + data)
    while view:
        n = write(fd, view)
        view = view[n:]


def read_frame(fd, read, cap=FRAME_CAP):
    """One message, or None at end of stream (or a cut-off message). Malformed when over `cap`."""
    header = _read_exact(fd, FRAME_HEADER, read)
    if header is None:
        return None
    size = int.from_bytes(header, 'big')
    if size > cap:
        # Not the size itself: it counts the reply's CPU time, whose digits differ between runs.
        raise Malformed('a message over the cap of %d bytes' % cap)
    return _read_exact(fd, size, read)


def _read_exact(fd, size, read):
    chunks = []
    left = size
    while left > 0:
        chunk = read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b''.join(chunks)


# --- typed values for Node ---------------------------------------------------------------------

VALUE_CAP_CHARS = 64 * 1024  # an output encoded larger than this goes to Node as a digest
TEXT_CAP = 2000  # characters kept of an exception message or a repr


class TooBig(Exception):
    """An output too large to send as a value; it is sent as a digest instead."""


def record_json(value, _encode=_RECORD_ENCODER.encode):
    """Compact JSON of a record the oracle writes (its values are already typed)."""
    return _encode(value)


def typed_value(value, depth=0, budget=None):
    """Typed, JSON-able form of a decoded output, so Node can compare outputs structurally: lists
    stay arrays; tuples, sets, dicts, complex, big ints and non-finite floats are tagged; bytes
    (the only other data type) is a repr. `budget` ([chars]) raises TooBig past it."""
    if budget is not None:
        budget[0] -= 8
        if budget[0] < 0:
            raise TooBig()
    t = type(value)
    if value is None or t is bool:
        return value
    if t is str:
        if budget is not None:
            budget[0] -= len(value)
            if budget[0] < 0:
                raise TooBig()
        return value
    if t is int:
        if -SAFE_INT < value < SAFE_INT:
            return value
        try:
            return {'int': int.__repr__(value)}
        except ValueError:  # more digits than sys.get_int_max_str_digits()
            raise TooBig()
    if t is float:
        if value != value:
            return {'float': 'nan'}
        if value in (float('inf'), float('-inf')):
            return {'float': 'inf' if value > 0 else '-inf'}
        return value
    if t is list:
        return [typed_value(v, depth + 1, budget) for v in value]
    if t is tuple:
        return {'tuple': [typed_value(v, depth + 1, budget) for v in value]}
    if t is set or t is frozenset:
        items = [typed_value(v, depth + 1, budget) for v in value]
        items.sort(key=record_json)
        return {'set': items}
    if t is dict:
        return {'dict': [[typed_value(k, depth + 1, budget), typed_value(v, depth + 1, budget)] for k, v in value.items()]}
    if t is complex:
        return {'complex': [typed_value(value.real), typed_value(value.imag)]}
    return {'repr': short_repr(value), 'type': t.__name__}


def capped_value(value):
    """typed_value, or {digest, size, type} when it would exceed VALUE_CAP_CHARS."""
    try:
        return typed_value(value, 0, [VALUE_CAP_CHARS])
    except TooBig:
        pass
    import hashlib
    data = dumps(to_tree(value))
    return {'digest': hashlib.sha256(data).hexdigest(), 'size': len(data), 'type': type(value).__name__}


def output_digest(typed):
    """A digest of a typed output: equal digests mean equal encodings."""
    try:
        from _blake2 import blake2b  # builtin C module: no import cost worth a preload
    except ImportError:  # an interpreter built without it
        from hashlib import blake2b
    return blake2b(record_json(typed).encode('ascii'), digest_size=16).hexdigest()


_REPR = None


def short_repr(value):
    """A bounded-time, abbreviated repr (large containers, strings and ints are elided)."""
    global _REPR
    if _REPR is None:
        import reprlib
        _REPR = reprlib.Repr()
        _REPR.maxlevel = 6
        _REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxfrozenset = _REPR.maxdict = _REPR.maxdeque = 100
        _REPR.maxstring = _REPR.maxother = 400
        _REPR.maxlong = 400
    try:
        text = _REPR.repr(value)
    except BaseException as exc:
        text = '<unrepresentable %s: %s>' % (type(value).__name__, type(exc).__name__)
    return text if type(text) is str else '<non-string repr>'


def safe_str(value, cap=TEXT_CAP):
    try:
        text = str(value)
    except BaseException:
        text = '<unprintable>'
    if type(text) is not str:
        text = '<non-string str>'
    return text if len(text) <= cap else text[:cap] + '...[%d more]' % (len(text) - cap)


def safe_repr(value, cap=TEXT_CAP):
    try:
        text = repr(value)
    except BaseException as exc:
        text = '<unrepresentable %s: %s>' % (type(value).__name__, type(exc).__name__)
    if type(text) is not str:
        text = '<non-string repr>'
    return text if len(text) <= cap else text[:cap] + '...[%d more]' % (len(text) - cap)
