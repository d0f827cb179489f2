import { InputError, ReportValidationError } from '../errors.js';
import { describeSchemaErrors, schemaValidator } from '../util/json-schema.js';
import { readInputText } from '../util/read-input.js';
import type { AuditReport } from '../model/types.generated.js';

/** Throws ReportValidationError listing every violation of schemas/audit.schema.json. */
export function validateReport(value: unknown, file?: string): asserts value is AuditReport {
  const validate = schemaValidator('audit.schema.json');
  if (!validate(value)) {
    const problems = describeSchemaErrors(validate.errors);
    throw new ReportValidationError(`report does not match schemas/audit.schema.json:\n  ${problems.join('\n  ')}`, problems, {
      hint: 'a report must be produced by bench-audit of a compatible schema version',
      location: file ? { file } : {},
    });
  }
}

export function readReport(file: string): AuditReport {
  const text = readInputText(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not JSON: ${(error as Error).message}`, { location: { file }, cause: error });
  }
  validateReport(value, file);
  return value;
}
