import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests live in test/, two levels below when nested). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = join(repoRoot, 'dist', 'cli.js');
