/**
 * Defaults of the mutation check's config: the schema's `default` keywords (schemas/audit.schema.json
 * `mutationConfig`, where each value's reason is given) plus the operator registry.
 */
import { DEFAULT_MUTATION_SETTINGS } from '../../model/defaults.generated.js';
import type { MutationConfig } from '../../model/types.generated.js';
import { mutationOperatorNames } from './operators/index.js';

export const DEFAULT_MUTATION_CONFIG: Readonly<MutationConfig> = {
  ...DEFAULT_MUTATION_SETTINGS,
  operators: [...mutationOperatorNames],
};
