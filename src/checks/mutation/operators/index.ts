/**
 * The operator registry: one explicit array, in a fixed order (as stryker-js lists its mutators in
 * `instrumenter/src/mutators/index.ts`). Mutant order does not depend on this order (mutants are
 * sorted by position), but `--help` and the report list operators this way.
 */
import { anyAllSwap } from './any-all-swap.js';
import { arithmeticOperator } from './arithmetic-operator.js';
import { augmentedAssignment } from './augmented-assignment.js';
import { breakContinue } from './break-continue.js';
import { constraintConjunctDropped } from './constraint-conjunct-dropped.js';
import { duplicatesMishandled } from './duplicates-mishandled.js';
import { equalElementsSkipped } from './equal-elements-skipped.js';
import { firstLastOccurrence } from './first-last-occurrence.js';
import { identityOperator } from './identity-operator.js';
import { integerRounding } from './integer-rounding.js';
import { jsArithmeticOperator } from './js-arithmetic-operator.js';
import { jsEqualityOperator } from './js-equality-operator.js';
import { jsLogicalOperator } from './js-logical-operator.js';
import { jsMathMinMax } from './js-math-min-max.js';
import { jsNumberConstant } from './js-number-constant.js';
import { jsRelationalOperator } from './js-relational-operator.js';
import { jsSliceBounds } from './js-slice-bounds.js';
import { jsStatementDeletion } from './js-statement-deletion.js';
import { keywordConstant } from './keyword-constant.js';
import { listConstant } from './list-constant.js';
import { logicalConnector } from './logical-connector.js';
import { loopBoundOffByOne } from './loop-bound-off-by-one.js';
import { membershipOperator } from './membership-operator.js';
import { minMaxSwap } from './min-max-swap.js';
import { missingAbs } from './missing-abs.js';
import { missingEdgeCase } from './missing-edge-case.js';
import { missingNormalization } from './missing-normalization.js';
import { notOperator } from './not-operator.js';
import { numberConstant } from './number-constant.js';
import { numbersComparedAsStrings } from './numbers-compared-as-strings.js';
import { prefixSuffixAsContainment } from './prefix-suffix-as-containment.js';
import { rangeBounds } from './range-bounds.js';
import { relationalOperator } from './relational-operator.js';
import { returnValue } from './return-value.js';
import { sliceIndex } from './slice-index.js';
import { sortTiesMishandled } from './sort-ties-mishandled.js';
import { statementDeletion } from './statement-deletion.js';
import { stringConstant } from './string-constant.js';
import { whitespaceSplitMismatch } from './whitespace-split-mismatch.js';
import { wrongInitialValue } from './wrong-initial-value.js';
import type { MutationFamily, MutationOperator } from './types.js';

export { MUTATION_FAMILIES, type MutationFamily, type MutationOperator, type Replacement } from './types.js';

export const mutationOperators: readonly MutationOperator[] = [
  arithmeticOperator,
  relationalOperator,
  logicalConnector,
  notOperator,
  membershipOperator,
  identityOperator,
  numberConstant,
  stringConstant,
  keywordConstant,
  listConstant,
  rangeBounds,
  sliceIndex,
  minMaxSwap,
  anyAllSwap,
  returnValue,
  augmentedAssignment,
  breakContinue,
  statementDeletion,
  // Plausible mistakes (family 'plausible-mistake'): generated only when asked for (GenerateOptions.families).
  missingEdgeCase,
  loopBoundOffByOne,
  duplicatesMishandled,
  sortTiesMishandled,
  firstLastOccurrence,
  constraintConjunctDropped,
  missingAbs,
  missingNormalization,
  whitespaceSplitMismatch,
  integerRounding,
  wrongInitialValue,
  numbersComparedAsStrings,
  equalElementsSkipped,
  prefixSuffixAsContainment,
];

/** An operator's family (absent = standard). */
export function operatorFamily(operator: MutationOperator): MutationFamily {
  return operator.family ?? 'standard';
}

/** The registry's operators of the given families, in registry order. */
export function operatorsOfFamilies(families: readonly MutationFamily[]): MutationOperator[] {
  return mutationOperators.filter((o) => families.includes(operatorFamily(o)));
}

/** Names of the standard operators: the mutation check's default `operators`, so audits keep their mutants. */
export const mutationOperatorNames: readonly string[] = operatorsOfFamilies(['standard']).map((o) => o.name);

/** Names of the plausible-mistake operators, for test strengthening. */
export const plausibleMistakeOperatorNames: readonly string[] = operatorsOfFamilies(['plausible-mistake']).map((o) => o.name);

/** JavaScript operators (tree-sitter-javascript node types), used on JavaScript tasks only. */
export const javascriptMutationOperators: readonly MutationOperator[] = [
  jsArithmeticOperator,
  jsEqualityOperator,
  jsRelationalOperator,
  jsLogicalOperator,
  jsNumberConstant,
  jsSliceBounds,
  jsMathMinMax,
  jsStatementDeletion,
];
