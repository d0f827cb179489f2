/**
 * Test helpers: JavaScript copies of a solution under the transformations a copy goes through, made
 * with TypeScript's own parser and printer (a devDependency), and ordinary JavaScript (the project's
 * node_modules) as the background of a planted corpus.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export interface JsVariants {
  verbatim: string;
  /** Printed again by TypeScript's printer: its indentation, spacing and semicolons. */
  reformatted: string;
  /** Every name the code binds (functions, parameters, variables) renamed consistently. */
  renamed: string;
  /** A `//` comment line before every other code line and at the end of each line opening a block, one `/* *\/` comment. */
  commented: string;
  /** No `;` at line ends (automatic semicolon insertion). */
  noSemicolons: string;
}

function parse(source: string): ts.SourceFile {
  return ts.createSourceFile('solution.js', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
}

function renamed(source: string): string {
  const file = parse(source);
  const bound = new Set<string>();
  const declare = (name: ts.BindingName | undefined): void => {
    if (name !== undefined && ts.isIdentifier(name)) bound.add(name.text);
  };
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node)) declare(node.name);
    else if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) declare(node.name);
    ts.forEachChild(node, collect);
  };
  collect(file);
  const names = [...bound].sort();
  const mapping = new Map(names.map((n, i) => [n, `renamed_${i}`]));
  const edits: Array<[number, number, string]> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && mapping.has(node.text)) {
      const parent = node.parent;
      const isProperty = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
      if (!isProperty) edits.push([node.getStart(file), node.getEnd(), mapping.get(node.text)!]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = source;
  for (const [start, end, name] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + name + out.slice(end);
  return out;
}

function commented(source: string): string {
  const lines = source.split('\n');
  // Comments go after the prompt's block comment (its last line holds the closing `*/`).
  const codeFrom = lines.findIndex((l) => l.includes('*/')) + 1;
  const out: string[] = [];
  lines.forEach((line, i) => {
    const stripped = line.trimStart();
    if (i < codeFrom || stripped === '') {
      out.push(line);
      return;
    }
    const indent = line.slice(0, line.length - stripped.length);
    if (i % 2 === 0 && !stripped.startsWith('}')) out.push(`${indent}// explain the next step in detail`);
    out.push(line.endsWith('{') ? `${line} // block starts here` : i === codeFrom ? `${line} /* the signature */` : line);
  });
  return out.join('\n');
}

export function jsVariants(source: string): JsVariants {
  const printer = ts.createPrinter({ removeComments: false });
  return {
    verbatim: source,
    reformatted: printer.printFile(parse(source)),
    renamed: renamed(source),
    commented: commented(source),
    noSemicolons: source.replace(/;[ \t]*$/gm, ''),
  };
}

/** Up to `count` .js files under `dir` (sorted walk, between minBytes and maxBytes). */
export function pickJsFiles(dir: string, count: number, minBytes: number, maxBytes: number): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      if (out.length >= count) return;
      const path = join(d, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (name.endsWith('.js') && st.size >= minBytes && st.size <= maxBytes) out.push(path);
    }
  };
  walk(dir);
  return out;
}
