/**
 * Minimal glob matching for corpus include/exclude patterns (POSIX paths relative to the corpus root):
 * `**` any number of directories, `*` any run of characters except `/`, `?` one character except `/`.
 * A pattern without `/` matches the file name in any directory (as .gitignore does).
 */
export function globToRegExp(pattern: string): RegExp {
  const p = pattern.includes('/') ? pattern.replace(/^\//, '') : `**/${pattern}`;
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*' && p[i + 1] === '*') {
      if (p[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function makePathFilter(include: readonly string[], exclude: readonly string[]): (path: string) => boolean {
  const inc = include.map(globToRegExp);
  const exc = exclude.map(globToRegExp);
  return (path) => (inc.length === 0 || inc.some((r) => r.test(path))) && !exc.some((r) => r.test(path));
}
