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
