/**
 * Plain scalars under YAML 1.1 as go-yaml (Kubernetes) and the `yaml` package's yaml-1.1 schema
 * read them: `yes`/`no`/`on`/`off` booleans, `0755` octal, `0x`/`0b` integers, `_` separators.
 */

/** What {@link resolvePlain} returns for timestamps and base-60 numbers, which it does not decode. */
export const UNRESOLVED: unique symbol = Symbol('unresolved');

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const INT_BIN = /^[-+]?0b[0-1_]+$/;
const INT_OCT = /^[-+]?0[0-7_]+$/;
const INT = /^[-+]?[0-9][0-9_]*$/;
const INT_HEX = /^[-+]?0x[0-9a-fA-F_]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/;
const SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/;
/** First characters of every non-string plain scalar (the yaml package reads `e5` as a float, NaN): anything else is a string without testing a pattern. */
const MAY_RESOLVE = /^(?:$|[~NnTtFfYyOoEe0-9+\-.])/;

function int(str: string, skip: number, radix: number): number {
  let offset = skip;
  const sign = str[0];
  if (sign === '-' || sign === '+') offset += 1;
  const n = parseInt(str.substring(offset).replace(/_/g, ''), radix);
  return sign === '-' ? -1 * n : n;
}

/** A plain scalar's value; UNRESOLVED for timestamps and base-60 numbers. */
export function resolvePlain(s: string): unknown {
  if (!MAY_RESOLVE.test(s)) return s;
  if (NULL.test(s)) return null;
  if (TRUE.test(s)) return true;
  if (FALSE.test(s)) return false;
  if (INT_BIN.test(s)) return int(s, 2, 2);
  if (INT_OCT.test(s)) return int(s, 1, 8);
  if (INT.test(s)) return int(s, 0, 10);
  if (INT_HEX.test(s)) return int(s, 2, 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s.replace(/_/g, ''));
  if (SEXAGESIMAL.test(s) || TIMESTAMP.test(s)) return UNRESOLVED;
  return s;
}
