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
Only exact types are data: a subclass (an int whose __eq__ says yes to everything) is not. Every
JSON object is a tag, so no dict can pass for a tagged value. Decoding is strict: anything else is
malformed, and never evaluated.
"""

import json

WIRE_VERSION = 1
MAX_DEPTH = 100  # nesting a plain value may have; deeper (or cyclic) values are not data
SAFE_INT = 2 ** 53  # ints below this in magnitude are exact in JSON readers (Node's doubles)
FRAME_HEADER = 4  # bytes of big-endian length before each message
FRAME_CAP = 64 * 1024 * 1024  # largest message read: large outputs fit, a flood does not

_TAGS_SEQ = ('tuple', 'set', 'frozenset')


class NonData(Exception):
    """A value that is not plain data (its type name in args[0])."""


class Malformed(ValueError):
    """A message that is not a valid encoding."""


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
    raise NonData(t.__name__)


def from_tree(tree, depth=0):
    """The value of a tree; Malformed for anything that is not one."""
    t = type(tree)
    if tree is None or t is bool or t is str or t is float or t is int:
        return tree
    if depth >= MAX_DEPTH:
        raise Malformed('nesting deeper than %d' % MAX_DEPTH)
    if t is list:
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
        raise Malformed('a message of %d bytes (cap %d)' % (size, cap))
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
