// Generators of YAML-ish text for differential fuzzing of satlint's fast parse paths against the
// yaml package's full parse (packages/core/src/parse/*.test.ts and scripts/fuzz-*.mjs).
import fc from 'fast-check';

/** Random characters from YAML's syntax alphabet: finds tokenizer corner cases. */
export const charSoup = () => fc.string({ unit: fc.constantFrom(...'ab: -[]{}#&*!|>\'"\n\t %,?\\01y~.'.split('')), maxLength: 60 });

const safeWord = fc.constantFrom('a', 'b', 'name', 'kind', 'x-y', 'a.b/c', 'v1', '1', 'on', '0755', '~', '"q"', "'s'", '"e\\n\\u00e9"', "'it''s'", '[a, b]', '{a: 1}', '[]', '{}', '|', '|-', '>', '>-', '|+', 'a b', 'a #b', 'é');
const weirdWord = fc.constantFrom('x-y', 'yes', '1e3', 'null', '-a', ':a', 'a:b', 'a#b', '"a: b"', '{a: 1, b: [c]}', '[ "x", \'y\' ]', '{ k: }', '&a x', '*a', '!t x', '2001-01-01', '1:30', '.inf', '"unterminated', '|2', '|2-', '>+', '""', "''", '- x', '? x', '% x', '`x`', '@x', '{{ x }}', 'a,b', '\\', '"e\\\\', "'q''", 'a\tb');
const word = fc.oneof({ arbitrary: safeWord, weight: 6 }, { arbitrary: weirdWord, weight: 1 });
const indent = fc.constantFrom('', '', '', '  ', '  ', '  ', '    ', '    ', ' ', '   ', '      ', '\t');
const line = fc.oneof(
  fc.tuple(indent, safeWord, fc.constantFrom(': ', ': ', ': ', ':', ':  ', ': # c '), fc.oneof(word, fc.constant(''))).map(([i, k, sep, v]) => `${i}${k}${sep}${v}`),
  fc.tuple(indent, fc.constantFrom('- ', '-', '- - ', '-  '), fc.oneof(word, fc.tuple(word, word).map(([k, v]) => `${k}: ${v}`))).map(([i, d, v]) => `${i}${d}${v}`),
  fc.tuple(indent, word).map(([i, w]) => `${i}${w}`),
  fc.constantFrom('', '   ', '# comment', '  # c', '---', '--- ', '...', '- ', ' \\ x', '  "continued', 'more"'),
);

/** Lines of block YAML with random indentation, keys, values, comments and markers: finds structure corner cases. */
export const blockYaml = () => fc.tuple(fc.array(line, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([lines, eol, trail]) => lines.join(eol) + (trail ? eol : ''));

// Nested documents: a random tree of mappings, sequences and scalars, written out as block YAML
// with random but mostly valid layout (compact sequences, flow collections, every scalar style,
// plain and quoted scalars folded over several lines, comments, blank lines, CRLF).
const text = fc.oneof({ arbitrary: fc.string({ unit: fc.constantFrom(...'abcdef xyz-_./é'.split('')), maxLength: 24 }), weight: 3 }, { arbitrary: fc.string({ unit: fc.constantFrom(...'abc xyz-_./:#\'"\\é'.split('')), maxLength: 24 }), weight: 1 });
const scalar = fc.record({ kind: fc.constant('scalar'), style: fc.constantFrom('plain', 'plain', 'plain', 'single', 'double', 'literal', 'folded', 'literal-strip', 'folded-keep'), text, wrap: fc.boolean() });
const key = fc.oneof({ arbitrary: fc.constantFrom('name', 'kind', 'spec', 'app.kubernetes.io/name', 'x-y', 'items', 'a b', '"quoted key"', "'single'"), weight: 12 }, { arbitrary: fc.constantFrom('on', '1'), weight: 1 });
const { node } = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('seq')),
  map: fc.record({ kind: fc.constant('map'), flow: fc.boolean(), entries: fc.uniqueArray(fc.tuple(key, tie('node')), { maxLength: 4, selector: (e) => e[0] }) }),
  seq: fc.record({ kind: fc.constant('seq'), flow: fc.boolean(), compact: fc.boolean(), items: fc.array(tie('node'), { maxLength: 4 }) }),
}));

function quoteDouble(s) {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function inlineScalar(n, pad) {
  const t = n.text;
  switch (n.style) {
    case 'single':
      return `'${t.replace(/'/g, "''")}'`;
    case 'double':
      return n.wrap && t.includes(' ') ? quoteDouble(t).replace(' ', `\n${pad}  `) : quoteDouble(t);
    case 'plain':
      return n.wrap && t.trim().includes(' ') ? t.trim().replace(' ', `\n${pad}  `) : t;
    default:
      return null;
  }
}

function flow(n) {
  if (n.kind === 'scalar') return n.style === 'single' ? `'${n.text.replace(/'/g, "''")}'` : quoteDouble(n.text);
  if (n.kind === 'map') return `{${n.entries.map(([k, v]) => `${k}: ${flow(v)}`).join(', ')}}`;
  return `[${n.items.map(flow).join(', ')}]`;
}

/** Writes `n` as the value after `key:` or `- ` at indentation `pad`; returns the text from after the indicator. */
function value(n, pad) {
  if (n.kind === 'scalar') {
    const inline = inlineScalar(n, pad);
    if (inline !== null) return ` ${inline}`;
    const header = { literal: '|', folded: '>', 'literal-strip': '|-', 'folded-keep': '>+' }[n.style];
    return ` ${header}\n${n.text.split(' ').map((w) => `${pad}  ${w}`).join('\n')}`;
  }
  if (n.flow || (n.kind === 'map' ? n.entries.length === 0 : n.items.length === 0)) return ` ${flow(n)}`;
  if (n.kind === 'seq' && n.compact) return `\n${block(n, pad)}`;
  return `\n${block(n, `${pad}  `)}`;
}

function block(n, pad) {
  if (n.kind === 'map') return n.entries.map(([k, v]) => `${pad}${k}:${value(v, pad)}`).join('\n');
  return n.items
    .map((item) => {
      if (item.kind === 'map' && !item.flow && item.entries.length > 0) {
        const [first, ...rest] = item.entries;
        const lines = [`${pad}- ${first[0]}:${value(first[1], `${pad}  `)}`, ...rest.map(([k, v]) => `${pad}  ${k}:${value(v, `${pad}  `)}`)];
        return lines.join('\n');
      }
      return `${pad}-${value(item, pad)}`;
    })
    .join('\n');
}

/** Whole streams of nested block documents, some with comments, blank lines and CRLF. */
export const nestedYaml = () =>
  fc
    .tuple(fc.array(fc.record({ kind: fc.constant('map'), flow: fc.constant(false), entries: fc.uniqueArray(fc.tuple(key, node), { minLength: 1, maxLength: 4, selector: (e) => e[0] }) }), { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean())
    .map(([docs, crlf, comments]) => {
      let out = docs.map((d) => block(d, '')).join('\n---\n');
      if (comments) out = out.replace(/\n(?=\S)/g, '\n# note\n\n');
      out += '\n';
      return crlf ? out.replace(/\n/g, '\r\n') : out;
    });
