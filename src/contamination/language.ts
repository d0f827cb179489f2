/**
 * Which tokenizer reads what: a task's parts by the task's language; a corpus source file by its
 * extension; a Markdown code block by its info string; a notebook's code cells by its kernel's
 * language; code whose language nothing states (JSON/JSONL string fields, an untagged code block,
 * code inside a string literal) by the audited benchmark's language, because a file that stores a
 * benchmark's records or completions stores them in the benchmark's language.
 */
import { taskLanguage, type Task, type TaskLanguage } from '../model/task.js';
import { tokenizeText, tokenizePython, type TokenStream } from './tokenize.js';
import { tokenizeJavaScript, tokenizeJavaScriptText } from './tokenize-js.js';

export type SourceLanguage = TaskLanguage;

export function tokenizeSource(language: SourceLanguage, bytes: Uint8Array, out: TokenStream): TokenStream {
  return language === 'javascript' ? tokenizeJavaScript(bytes, out) : tokenizePython(bytes, out);
}

export function tokenizeSourceText(language: SourceLanguage, text: string, out?: TokenStream): TokenStream {
  return language === 'javascript' ? tokenizeJavaScriptText(text, out) : tokenizeText(text, out);
}

/** File extensions lexed as JavaScript (TypeScript and JSX are JavaScript with more syntax the tokenizer reads as tokens). */
export const JAVASCRIPT_EXTENSIONS: readonly string[] = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'];

/** File extensions lexed as Python. */
export const PYTHON_EXTENSIONS: readonly string[] = ['.py', '.pyw', '.pyi'];

/** The language of a source file by its extension, or null (another extension: the benchmark's language is used). */
export function pathLanguage(path: string): SourceLanguage | null {
  const lower = path.toLowerCase();
  if (JAVASCRIPT_EXTENSIONS.some((e) => lower.endsWith(e))) return 'javascript';
  if (PYTHON_EXTENSIONS.some((e) => lower.endsWith(e))) return 'python';
  return null;
}

const FENCE_LANGUAGES: Record<string, SourceLanguage> = {
  js: 'javascript', javascript: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript', node: 'javascript',
  ts: 'javascript', typescript: 'javascript', tsx: 'javascript',
  py: 'python', python: 'python', python3: 'python', py3: 'python', pycon: 'python', ipython: 'python', ipython3: 'python',
};

/**
 * The language a Markdown info string (```js, ```{python}, ```javascript title="x") or a notebook
 * kernel name names, or null (another language, or none).
 */
export function namedLanguage(info: string): SourceLanguage | null {
  const word = /^[\s{.]*([A-Za-z0-9_+-]+)/.exec(info);
  return word === null ? null : (FENCE_LANGUAGES[word[1].toLowerCase()] ?? null);
}

/** The language of the audited tasks: JavaScript when every task is JavaScript, else Python. */
export function benchmarkLanguage(tasks: readonly Pick<Task, 'language'>[]): SourceLanguage {
  return tasks.length > 0 && tasks.every((t) => taskLanguage(t) === 'javascript') ? 'javascript' : 'python';
}
