import unittest

import _path  # noqa: F401
import test_harness as th


class Pure(unittest.TestCase):
    def test_exceptions_of_the_candidate_become_builtin_types_by_name(self):
        self.assertIsInstance(th.raised_exception({'exception': 'ValueError', 'message': 'x'}), ValueError)
        other = th.raised_exception({'exception': 'MyError', 'message': 'y'})
        self.assertIsInstance(other, th.CandidateException)
        self.assertEqual(other.name, 'MyError')
        # BaseException subclasses that are not Exceptions are not raised as themselves.
        self.assertIsInstance(th.raised_exception({'exception': 'SystemExit', 'message': ''}), th.CandidateException)
        self.assertIs(type(th.raised_exception({'exception': 5, 'message': None})), Exception)

    def test_calls_sent_ahead_are_those_of_the_first_asserts_with_literal_arguments(self):
        source = ('def check(candidate):\n    """doc"""\n    assert True, "debugging"\n'
                  '    assert candidate([1, 2], k=3) == [2]\n    assert abs(candidate(-1.5) - 2) < 1e-6\n'
                  '    assert not candidate({1: "a"})\n    assert candidate(1) == candidate(2)\n'
                  '    assert candidate(x) == 1\n    assert candidate(9) == 9\n')
        th.PLANS.clear()
        lineno, requests, used = th.check_plan(source, 'check', 'f')
        self.assertEqual(lineno, 1)
        self.assertEqual(used, frozenset({'abs'}))
        decoded = [th.encoding.loads(r) for r in requests]
        self.assertEqual([(d['name'], th.encoding.from_tree(d['args'])) for d in decoded],
                         [('f', [[1, 2]]), ('f', [-1.5]), ('f', [{1: 'a'}]), ('f', [1]), ('f', [2])])
        self.assertEqual(th.encoding.from_tree(decoded[0]['kwargs']), {'k': 3})
        # Byte for byte what Link.call sends for the same call (it checks each against them).
        request = th.call_request('f', ([1, 2],), {'k': 3})
        request['v'] = th.encoding.WIRE_VERSION
        self.assertEqual(th.encoding.dumps(request), requests[0])

    def test_no_call_is_sent_ahead_past_a_branch_on_an_answer(self):
        stops = ['assert candidate(1) or candidate(2)', 'assert candidate(1) if x else candidate(2)',
                 'assert candidate(1) < 2 < candidate(3)', 'for i in range(3):\n        assert candidate(i)',
                 'assert candidate(*[1])', 'assert helper(candidate(1))', 'assert candidate(1), candidate(2)',
                 'assert candidate(lambda: 1)', 'assert [candidate(i) for i in (1, 2)]', 'assert (y := candidate(1))']
        for stop in stops:
            th.PLANS.clear()
            source = 'def check(candidate):\n    assert candidate(0) == 0\n    %s\n    assert candidate(5) == 5\n' % stop
            self.assertEqual([th.encoding.loads(r)['args'] for r in th.check_plan(source, 'check', 'f')[1]], [[0]], stop)
        th.PLANS.clear()
        self.assertIsNone(th.check_plan('@d\ndef check(candidate):\n    assert candidate(1)\n', 'check', 'f'))
        self.assertIsNone(th.check_plan('def check(candidate):\n    x = 1\n    assert candidate(1)\n', 'check', 'f'))

    def test_signature_from_syntax_only(self):
        self.assertEqual(th.signature_of('def f(a, b=2, *rest):\n    pass\n', 'f'), (['a', 'b'], 'rest', {'b': 2}))
        self.assertIsNone(th.signature_of('def f(a, b=g()):\n    pass\n', 'f'))
        self.assertIsNone(th.signature_of('x = 1\n', 'f'))

    def test_contract_binds_arguments_without_the_program(self):
        job = {'contract': '    assert n >= 0, "invalid inputs"\n', 'entryPoint': 'f',
               'program': {'candidate': 'def f(n):\n    return n\n'}}
        check, _lines = th.bind_contract(job)
        self.assertIsNone(th.contract_verdict(check, [1]))
        self.assertIsInstance(th.contract_verdict(check, [-1]), AssertionError)

    def test_typed_inputs_decode_generically(self):
        self.assertEqual(th.decode_input([{'tuple': [1, {'set': [2]}]}, {'dict': [['a', {'float': 'inf'}]]}, {'int': '123'}]),
                         [(1, {2}), {'a': float('inf')}, 123])
        with self.assertRaises(ValueError):
            th.decode_input([{'a': 1}])

    def test_values_match_with_tolerance(self):
        self.assertTrue(th.values_match(0.1 + 0.2, 0.3, 1e-6))
        self.assertFalse(th.values_match([1], (1,), 0))


if __name__ == '__main__':
    unittest.main()
