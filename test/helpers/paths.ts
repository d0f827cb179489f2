import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests live in test/, two levels below when nested). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Real benchmark files, beside the repository (never copied into it). */
export const sharedData = join(repoRoot, '..', 'shared', 'data');
export const sharedHub = join(repoRoot, '..', 'shared', 'hub');
export const cliPath = join(repoRoot, 'dist', 'cli.js');
