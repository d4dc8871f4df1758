// Every regular expression in satlint's runtime source (packages/core/src and packages/cli/src,
// tests excluded), found by parsing the TypeScript source, so that a new pattern cannot be added
// without the ReDoS audit (test/redos.test.ts) seeing it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '..');
export const AUDITED_DIRS = ['packages/core/src', 'packages/cli/src'];

function sourceFiles(dir) {
  const out = [];
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sourceFiles(rel));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')) out.push(rel);
  }
  return out.sort();
}

/**
 * The regular expressions of the audited source: `{ file, line, source, flags, dynamic }`.
 * A literal gives its pattern; `new RegExp(...)`/`RegExp(...)` is reported as dynamic with the
 * call's text as `source` (its pattern is only known at run time).
 */
export function findRegexes() {
  const out = [];
  for (const file of AUDITED_DIRS.flatMap(sourceFiles)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      const line = () => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const lit = node.getText(sf);
        const end = lit.lastIndexOf('/');
        out.push({ file, line: line(), source: lit.slice(1, end), flags: lit.slice(end + 1), dynamic: false });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const args = node.arguments ?? [];
        // `new RegExp("…", "u")` with string literals (ajv's generated validators) is a literal too.
        if (args.length >= 1 && args.every((a) => ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a))) out.push({ file, line: line(), source: args[0].text, flags: args[1]?.text ?? '', dynamic: false });
        else out.push({ file, line: line(), source: node.getText(sf), flags: '', dynamic: true });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}
