"""The oracle's check of module and class attributes (server.AttributeWatch): version tags first,
the full comparison's verdict where a version moved, the same answers without version tags."""
import sys
import types
import unittest

import _path  # noqa: F401
import server


def watched():
    module = types.ModuleType('watched')
    module.value = [1, 2]
    module.other = 'x'

    class Shape:
        sides = 3

    module.Shape = Shape
    pairs = [(module.__dict__, dict(module.__dict__)), (vars(Shape), dict(vars(Shape)))]
    return module, Shape, pairs


class AttributeWatchTest(unittest.TestCase):
    def check_both_ways(self, change, expected):
        for versions in (True, False):
            module, shape, pairs = watched()
            watch = server.AttributeWatch(pairs)
            if versions:
                if sys.implementation.name == 'cpython' and sys.version_info < (3, 14):
                    self.assertIsNotNone(watch.tags, 'the version self-test failed on this CPython')
                if watch.tags is None:
                    continue
            else:
                watch.tags = None
            self.assertTrue(watch.unchanged())
            if watch.tags is not None:  # nothing changed: no version moved (the fast path)
                # The tags read all at once are the tags read one by one.
                self.assertEqual(watch.read(), tuple(t.value for t in watch.tags))
                self.assertEqual(watch.read(), watch.snapshot)
            change(module, shape)
            self.assertEqual(watch.unchanged(), expected, 'with versions' if versions else 'without versions')
            # Asked again (a later job): the same answer.
            self.assertEqual(watch.unchanged(), expected)

    def test_a_rebound_module_attribute_is_a_change(self):
        self.check_both_ways(lambda m, s: setattr(m, 'other', 'y'), False)

    def test_a_deleted_module_attribute_is_a_change(self):
        self.check_both_ways(lambda m, s: delattr(m, 'other'), False)

    def test_a_new_module_attribute_is_a_change(self):
        self.check_both_ways(lambda m, s: setattr(m, 'added', 1), False)

    def test_a_rebound_class_attribute_is_a_change(self):
        self.check_both_ways(lambda m, s: setattr(s, 'sides', 4), False)

    def test_an_equal_value_rebound_is_no_change(self):
        self.check_both_ways(lambda m, s: setattr(m, 'value', [1, 2]), True)

    def test_a_mutated_attribute_value_is_no_change(self):
        # As for the full comparison: the attribute is the same object (a module's cache filling up).
        self.check_both_ways(lambda m, s: m.value.append(3), True)

    def test_one_watched_dict_is_read_as_one_tag(self):
        module, _shape, pairs = watched()
        watch = server.AttributeWatch(pairs[:1])
        if watch.tags is None:
            self.skipTest('no version tags on this interpreter')
        self.assertEqual(watch.read(), (watch.tags[0].value,))
        self.assertTrue(watch.unchanged())
        module.other = 'y'
        self.assertFalse(watch.unchanged())

    def test_a_change_after_an_equal_rebinding_is_still_seen(self):
        def change(m, s):
            m.value = [1, 2]
            m.other = 'z'
        self.check_both_ways(change, False)


if __name__ == '__main__':
    unittest.main()


class OracleDictsTest(unittest.TestCase):
    """What the oracle watches besides module and class attributes: builtins, sys.modules, the environment."""

    def test_builtins_sys_modules_and_the_environment_are_watched(self):
        import builtins
        import os
        live = [id(d) for d, _copy in server.oracle_dicts()]
        for d in (vars(builtins), sys.modules, os.environ._data):
            self.assertIn(id(d), live)

    def test_a_patched_builtin_a_new_module_and_a_set_variable_are_changes(self):
        import builtins
        import os

        real_len = builtins.len

        def patch_builtin():
            builtins.len = lambda x: 0

        def add_module():
            sys.modules['planted_by_a_job'] = types.ModuleType('planted_by_a_job')

        def set_variable():
            os.environ['PLANTED_BY_A_JOB'] = '1'

        undo = {patch_builtin: lambda: setattr(builtins, 'len', real_len),
                add_module: lambda: sys.modules.pop('planted_by_a_job', None),
                set_variable: lambda: os.environ.pop('PLANTED_BY_A_JOB', None)}
        for change, restore in undo.items():
            watch = server.AttributeWatch(server.oracle_dicts())
            self.assertTrue(watch.unchanged())
            try:
                change()
                self.assertFalse(watch.unchanged(), change.__name__)
            finally:
                restore()
