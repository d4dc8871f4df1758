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
