/**
 * The ready-to-paste assert that kills a surviving mutant: the call on the distinguishing input
 * and the reference solution's output, compared the way EvalPlus compares (exact, or within
 * tolerance for float outputs). Pure.
 */
import { EVALPLUS_DEFAULT_FLOAT_ATOL, EVALPLUS_RTOL, callRepr, floatRepr, isFloats, pyRepr, type PyValue } from './py-value.js';

export interface KillingAssertInput {
  /** How the tests call the solution: `candidate` in a HumanEval check function, the entry point in MBPP. */
  callee: string;
  args: readonly PyValue[];
  /** The reference solution's output on `args`. */
  expected: PyValue;
  /** The task's float tolerance (EvalPlus `atol`; 0 = default for float outputs). */
  atol?: number;
}

/** One line of Python, `assert ...`, with no imports needed. */
export function killingAssert(input: KillingAssertInput): string {
  const call = callRepr(input.callee, input.args);
  const { expected } = input;
  if (isFloats(expected)) {
    const atol = input.atol !== undefined && input.atol > 0 ? input.atol : EVALPLUS_DEFAULT_FLOAT_ATOL;
    const bound = (x: number): string => floatRepr(atol + EVALPLUS_RTOL * Math.abs(x));
    if (expected.type === 'float') {
      if (!Number.isFinite(expected.value)) return `assert ${call} == ${pyRepr(expected)}`;
      // EvalPlus requires the same type when values are not exactly equal, hence the isinstance.
      return `assert isinstance(${call}, float) and abs(${call} - ${pyRepr(expected)}) <= ${bound(expected.value)}`;
    }
    const items = (expected as Extract<PyValue, { type: 'list' | 'tuple' }>).items;
    const maxAbs = Math.max(...items.map((x) => (x.type === 'float' && Number.isFinite(x.value) ? Math.abs(x.value) : 0)));
    return (
      `assert isinstance(${call}, ${expected.type}) and len(${call}) == ${items.length} and ` +
      `all(abs(a - b) <= ${bound(maxAbs)} for a, b in zip(${call}, ${pyRepr(expected)}))`
    );
  }
  return `assert ${call} == ${pyRepr(expected)}`;
}
