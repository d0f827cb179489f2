/** Small helpers for the index: re-exported n-gram hashing and a digest of strings. */
import { createHash } from 'node:crypto';
export { ngramKeys } from './hash.js';

/** SHA-256 of the strings joined by NUL: a stable fingerprint of index contents. */
export function sha256Like(parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(p);
    h.update('\u0000');
  }
  return h.digest('hex');
}
