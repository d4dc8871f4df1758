/**
 * scripts/ and the tests do not import each other: what both use (fuzz generators, the bad-input
 * matrix, the Kubernetes comparison harness, the conformance and origin checkers) lives in
 * test-support/, which imports neither. A test may still run a script as a command (that tests the
 * script); importing or bundling (esbuild `entryPoints`) the other side's code is what is refused.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
const CODE = /\.(?:[cm]?[jt]s)$/;

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'dist' && e.name !== 'fixtures' && !e.name.startsWith('.')) walk(p, out);
    } else if (CODE.test(e.name)) out.push(p);
  }
  return out;
}

type Side = 'scripts' | 'tests' | 'shared' | 'other';

/** Which side a repository-relative path is on. Tests: test/ and the packages' *.test.ts files. */
function sideOf(path: string): Side {
  if (path.startsWith('scripts/')) return 'scripts';
  if (path.startsWith('test-support/')) return 'shared';
  if (path.startsWith('test/') || (path.startsWith('packages/') && /\.test\.[cm]?[jt]s$/.test(path))) return 'tests';
  return 'other';
}

/**
 * The repository-relative files a source file imports: import and export declarations, import(),
 * require(), and the string paths of esbuild `entryPoints` (repository-relative, as scripts write
 * them with join(root, …)). Package specifiers are left out.
 */
function referencedFiles(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const add = (spec: string, from: 'file' | 'root') => {
    if (from === 'file' && !spec.startsWith('.')) return;
    out.push(relative(root, resolve(from === 'file' ? dirname(join(root, file)) : root, spec)));
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text, 'file');
    else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) add(node.arguments[0].text, 'file');
    } else if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'entryPoints') {
      const literals = (n: ts.Node): void => {
        if (ts.isStringLiteralLike(n) && CODE.test(n.text)) add(n.text, n.text.startsWith('.') ? 'file' : 'root');
        n.forEachChild(literals);
      };
      literals(node.initializer);
    }
    node.forEachChild(visit);
  };
  visit(source);
  return out;
}

const files = [...walk('scripts'), ...walk('test'), ...walk('test-support'), ...walk('packages').filter((f) => sideOf(f) === 'tests')];
const edges = files.flatMap((from) => referencedFiles(from, readFileSync(join(root, from), 'utf8')).map((to) => ({ from, to })));

describe('scripts/, the tests and test-support/', () => {
  it('finds the imports it checks (import, require, import(), esbuild entryPoints)', () => {
    const has = (from: string, to: string) => edges.some((e) => e.from === from && e.to === to);
    expect(has('test/redos.test.ts', 'test-support/regex-inputs.mjs')).toBe(true);
    expect(has('packages/core/src/parse/scan.test.ts', 'test-support/yaml-fuzz.mjs')).toBe(true);
    expect(has('scripts/conformance-kubernetes.mjs', 'test-support/kubernetes/live.ts')).toBe(true);
    expect(referencedFiles('scripts/x.mjs', "const a = require('../test/a.cjs');\nawait import('../test/b.mjs');\nexport { c } from '../test/c.mjs';\nbuild({ entryPoints: [join(root, 'test/d.ts')] });\nimport 'yaml';\n")).toEqual(['test/a.cjs', 'test/b.mjs', 'test/c.mjs', 'test/d.ts']);
  });

  it('do not import each other except through test-support/, which imports neither', () => {
    const refused = edges.filter(({ from, to }) => {
      const a = sideOf(from);
      const b = sideOf(to);
      if (a === 'scripts') return b === 'tests';
      if (a === 'tests') return b === 'scripts';
      if (a === 'shared') return b === 'scripts' || b === 'tests';
      return false;
    });
    expect(refused).toEqual([]);
  });
});
