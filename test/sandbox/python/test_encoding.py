import collections
import math
import os
import re
import unittest

import _path  # noqa: F401
import encoding


def roundtrip(value):
    return encoding.from_tree(encoding.loads(encoding.dumps({'v': encoding.WIRE_VERSION, 'x': encoding.to_tree(value)}))['x'])


class WireEncoding(unittest.TestCase):
    def test_plain_values_round_trip_exactly_with_types_and_order(self):
        values = [None, True, False, 0, -7, 2 ** 53, -(2 ** 200), 1.0, -0.0, 1e300, 'héllo\ud800', b'\x00\xff',
                  [1, [2]], (1, (2,)), {3, 1}, frozenset({'a'}), {'b': 1, 'a': (2,)}, 3 - 4j, ()]
        for v in values:
            back = roundtrip(v)
            self.assertEqual(back, v)
            self.assertIs(type(back), type(v))
        self.assertEqual(list(roundtrip({'b': 1, 'a': 2})), ['b', 'a'], 'dict key order kept')
        self.assertIs(type(roundtrip(1.0)), float, 'an integral float stays a float')

    def test_non_finite_floats(self):
        self.assertTrue(math.isnan(roundtrip(float('nan'))))
        self.assertEqual(roundtrip([float('inf'), float('-inf')]), [float('inf'), float('-inf')])

    def test_stated_extras(self):
        self.assertIs(roundtrip(int), int)
        c = roundtrip(collections.Counter('abca'))
        self.assertEqual(c, collections.Counter('abca'))
        self.assertIs(type(c), collections.Counter)
        d = roundtrip(collections.defaultdict(list, {1: [2]}))
        self.assertIs(d.default_factory, list)
        self.assertEqual(roundtrip(collections.deque([1, 2], 3)).maxlen, 3)
        m = roundtrip(re.match(r'(?P<x>a)(b)?', 'ac'))
        self.assertTrue(m)
        self.assertEqual((m.group(), m.group('x'), m.groups(), m.span(1)), ('a', 'a', ('a', None), (0, 1)))

    def test_anything_else_is_not_data(self):
        class Always:
            def __eq__(self, other):
                return True

        class I(int):
            pass

        for v in [Always(), I(3), [1, Always()], lambda: 1, object(), collections.defaultdict(lambda: 0)]:
            with self.assertRaises(encoding.NonData):
                encoding.to_tree(v)
        cyclic = []
        cyclic.append(cyclic)
        with self.assertRaises(encoding.NonData):
            encoding.to_tree(cyclic)

    def test_decoding_is_strict(self):
        bad = [{'a': 1}, {'tuple': 1}, {'set': [[1]]}, {'dict': [[1]]}, {'int': 'zz'}, {'complex': ['a', 1]},
               {'type': 'os'}, {'nope': []}, {'tuple': [], 'set': []}, {'match': ['s', 'p', [], []]}]
        for tree in bad:
            with self.assertRaises(encoding.Malformed, msg=repr(tree)):
                encoding.from_tree(tree)
        for data in [b'not json', b'[1]', b'{"v": 2}', b'{"v":1', '{"v":1}'.encode('utf-16')]:
            with self.assertRaises(encoding.Malformed, msg=repr(data)):
                encoding.loads(data)

    def test_frames(self):
        r, w = os.pipe()
        try:
            encoding.write_frame(w, b'hello', os.write)
            self.assertEqual(encoding.read_frame(r, os.read), b'hello')
            messages = []
            for over in (1, 2):
                # The report must not depend on how far over the cap a message is (its framing varies by run).
                os.write(w, (encoding.FRAME_CAP + over).to_bytes(encoding.FRAME_HEADER, 'big'))
                with self.assertRaises(encoding.Malformed) as caught:
                    encoding.read_frame(r, os.read)
                messages.append(str(caught.exception))
            self.assertEqual(messages[0], messages[1])
            self.assertIn(str(encoding.FRAME_CAP), messages[0])
            os.write(w, (10).to_bytes(encoding.FRAME_HEADER, 'big') + b'abc')
            os.close(w)
            w = None
            self.assertIsNone(encoding.read_frame(r, os.read), 'a cut-off message is the end')
        finally:
            os.close(r)
            if w is not None:
                os.close(w)

    def test_typed_values_for_node(self):
        self.assertEqual(encoding.typed_value((1, {2}, {'a': float('nan')}, 2 ** 60)),
                         {'tuple': [1, {'set': [2]}, {'dict': [['a', {'float': 'nan'}]]}, {'int': str(2 ** 60)}]})
        big = encoding.capped_value(list(range(100000)))
        self.assertEqual(set(big), {'digest', 'size', 'type'})
        self.assertEqual(big, encoding.capped_value(list(range(100000))))


if __name__ == '__main__':
    unittest.main()
