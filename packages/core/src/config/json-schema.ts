/**
 * Checks a value against a rule's options schema: the JSON Schema keywords rule schemas use
 * (ESLint's and stylelint's rule schemas are the model). Built-in rules are checked by the
 * validator compiled at build time (validate.generated.ts); this checks custom rules' options,
 * whose schemas are only known at run time, without compiling code. Keywords it does not know
 * (`$ref`, `if`…) are not checked. Returns a message per problem, each naming the option's path.
 */
export function schemaProblems(schema: unknown, value: unknown, at = ''): string[] {
  if (schema === true || schema === undefined || schema === null || typeof schema !== 'object') return schema === false ? [`${at || '(options)'}: is not allowed`] : [];
  const s = schema as Record<string, unknown>;
  const here = at || '(options)';
  const out: string[] = [];
  const types = s['type'] === undefined ? undefined : [s['type']].flat();
  if (types && !types.some((t) => isType(value, String(t)))) return [`${here}: must be ${types.join(' or ')}`];
  if (Array.isArray(s['enum']) && !s['enum'].some((e) => same(e, value))) out.push(`${here}: must be one of ${s['enum'].map((e) => JSON.stringify(e)).join(', ')}`);
  if ('const' in s && !same(s['const'], value)) out.push(`${here}: must be ${JSON.stringify(s['const'])}`);
  if (typeof value === 'number') out.push(...numberProblems(s, value, here));
  if (typeof value === 'string') out.push(...stringProblems(s, value, here));
  if (Array.isArray(value)) out.push(...arrayProblems(s, value, at));
  else if (value !== null && typeof value === 'object') out.push(...objectProblems(s, value as Record<string, unknown>, at));
  for (const sub of Array.isArray(s['allOf']) ? s['allOf'] : []) out.push(...schemaProblems(sub, value, at));
  const passing = (list: unknown) => (Array.isArray(list) ? list.filter((sub) => schemaProblems(sub, value, at).length === 0).length : -1);
  if (Array.isArray(s['anyOf']) && passing(s['anyOf']) === 0) out.push(`${here}: matches none of the allowed forms`);
  if (Array.isArray(s['oneOf']) && passing(s['oneOf']) !== 1) out.push(`${here}: must match exactly one of the allowed forms`);
  if (s['not'] !== undefined && schemaProblems(s['not'], value, at).length === 0) out.push(`${here}: is not allowed`);
  return out;
}

function isType(v: unknown, t: string): boolean {
  if (t === 'integer') return typeof v === 'number' && Number.isInteger(v);
  if (t === 'number') return typeof v === 'number' && Number.isFinite(v);
  if (t === 'array') return Array.isArray(v);
  if (t === 'object') return v !== null && typeof v === 'object' && !Array.isArray(v);
  if (t === 'null') return v === null;
  return typeof v === t;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function numberProblems(s: Record<string, unknown>, v: number, here: string): string[] {
  const out: string[] = [];
  const n = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : undefined);
  if (n('minimum') !== undefined && v < n('minimum')!) out.push(`${here}: must be >= ${n('minimum')}`);
  if (n('maximum') !== undefined && v > n('maximum')!) out.push(`${here}: must be <= ${n('maximum')}`);
  if (n('exclusiveMinimum') !== undefined && v <= n('exclusiveMinimum')!) out.push(`${here}: must be > ${n('exclusiveMinimum')}`);
  if (n('exclusiveMaximum') !== undefined && v >= n('exclusiveMaximum')!) out.push(`${here}: must be < ${n('exclusiveMaximum')}`);
  return out;
}

function stringProblems(s: Record<string, unknown>, v: string, here: string): string[] {
  const out: string[] = [];
  if (typeof s['minLength'] === 'number' && v.length < s['minLength']) out.push(`${here}: must have at least ${s['minLength']} characters`);
  if (typeof s['maxLength'] === 'number' && v.length > s['maxLength']) out.push(`${here}: must have at most ${s['maxLength']} characters`);
  return out;
}

function arrayProblems(s: Record<string, unknown>, v: unknown[], at: string): string[] {
  const here = at || '(options)';
  const out: string[] = [];
  if (typeof s['minItems'] === 'number' && v.length < s['minItems']) out.push(`${here}: must have at least ${s['minItems']} items`);
  if (typeof s['maxItems'] === 'number' && v.length > s['maxItems']) out.push(`${here}: must have at most ${s['maxItems']} items`);
  if (s['uniqueItems'] === true && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) out.push(`${here}: must not repeat items`);
  if (s['items'] !== undefined && !Array.isArray(s['items'])) v.forEach((x, i) => out.push(...schemaProblems(s['items'], x, `${at}[${i}]`)));
  return out;
}

function objectProblems(s: Record<string, unknown>, v: Record<string, unknown>, at: string): string[] {
  const out: string[] = [];
  const props = s['properties'] !== null && typeof s['properties'] === 'object' ? (s['properties'] as Record<string, unknown>) : {};
  const key = (k: string) => (at ? `${at}.${k}` : k);
  for (const req of Array.isArray(s['required']) ? s['required'] : []) if (!Object.prototype.hasOwnProperty.call(v, req)) out.push(`${key(String(req))}: is required`);
  for (const [k, x] of Object.entries(v)) {
    if (Object.prototype.hasOwnProperty.call(props, k)) out.push(...schemaProblems(props[k], x, key(k)));
    else if (s['additionalProperties'] === false) out.push(`${at || '(options)'}: unknown key "${k}"`);
    else if (s['additionalProperties'] !== undefined && typeof s['additionalProperties'] === 'object') out.push(...schemaProblems(s['additionalProperties'], x, key(k)));
  }
  return out;
}
