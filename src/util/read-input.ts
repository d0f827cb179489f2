import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';

function unreadable(error: unknown, display: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  return new InputError(`cannot read ${display} (${code ?? (error as Error).message})`, {
    hint: code === 'ENOENT' ? 'check the path' : 'check the file permissions',
    location: { file: display },
    cause: error,
  });
}

/** The bytes of an input file, or an InputError naming it (`display`: how errors call the file). */
export async function readInputFile(path: string, display = path): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw unreadable(error, display);
  }
}

/** An input file as UTF-8 text, or an InputError naming it. */
export function readInputText(path: string, display = path): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadable(error, display);
  }
}
