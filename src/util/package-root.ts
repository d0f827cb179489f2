import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root folder (holding datasets/ and schemas/). This file sits at src/util/ under
 * tsx and at dist/util/ when built: two levels below the root either way.
 */
export function packageRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..');
}
