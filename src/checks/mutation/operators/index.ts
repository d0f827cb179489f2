/**
 * The operator registry: one explicit array, in a fixed order (as stryker-js lists its mutators in
 * `instrumenter/src/mutators/index.ts`). Mutant order does not depend on this order (mutants are
 * sorted by position), but `--help` and the report list operators this way.
 */
import { anyAllSwap } from './any-all-swap.js';
import { arithmeticOperator } from './arithmetic-operator.js';
import { augmentedAssignment } from './augmented-assignment.js';
import { breakContinue } from './break-continue.js';
import { identityOperator } from './identity-operator.js';
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
import { membershipOperator } from './membership-operator.js';
import { minMaxSwap } from './min-max-swap.js';
import { notOperator } from './not-operator.js';
import { numberConstant } from './number-constant.js';
import { rangeBounds } from './range-bounds.js';
import { relationalOperator } from './relational-operator.js';
import { returnValue } from './return-value.js';
import { sliceIndex } from './slice-index.js';
import { statementDeletion } from './statement-deletion.js';
import { stringConstant } from './string-constant.js';
import type { MutationOperator } from './types.js';

export type { MutationOperator, Replacement } from './types.js';

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
];

export const mutationOperatorNames: readonly string[] = mutationOperators.map((o) => o.name);

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
