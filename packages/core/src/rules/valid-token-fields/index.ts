import { defineRule, type RuleContext, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import type { JsonPath, Resource } from '../../types.js';
import { POD_SPEC_PATHS, podSpecsOf } from '../../model/index.js';
import { formatPath, getAt, isRecord, own } from '../../path.js';
import * as validators from './validate.generated.js';

type MessageIds = 'wrongType' | 'invalidName' | 'notOneOf' | 'missingField' | 'misplaced';

/** What an ajv standalone validator leaves on itself after a failed run. */
interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}
type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

const TOKEN_FIELDS = ['automountServiceAccountToken', 'serviceAccountName', 'serviceAccount'] as const;

/** `/volumes/0/projected` → `['volumes', 0, 'projected']`. */
export function pointerToPath(pointer: string): JsonPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the fraction ${value}`;
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}

const EXPECTED: Readonly<Record<string, string>> = { boolean: 'true or false', integer: 'a whole number', string: 'a string', array: 'a list', object: 'a mapping' };

export default defineRule<NoOptions, MessageIds>({
  meta: {
    id: 'valid-token-fields',
    description: 'Require token-related fields to have the types and places the API server accepts',
    category: 'soundness',
    severity: 'error',
    recommended: true,
    fixable: false,
    securitySeverity: 5.0,
    messages: {
      wrongType:
        '{{resource}} sets {{field}} to {{actual}}, but the API server expects {{expected}} and rejects the object (other rules treat the field as unset); write {{expected}}',
      invalidName:
        '{{resource}} sets {{field}} to {{actual}}, which is not a valid DNS-1123 subdomain (lowercase letters, digits, - and ., at most 253 characters), so the API server rejects it; use a valid name',
      notOneOf: '{{resource}} sets {{field}} to {{actual}}; the API server accepts only {{allowed}}',
      missingField: '{{resource}} lacks {{field}}, which the API server requires; add it',
      misplaced:
        '{{resource}} sets {{field}} {{where}}, where Kubernetes ignores it, so it does not do what it says; move it to {{target}}',
    },
    remediation: 'Write token fields with the types the API server accepts, in the pod spec (or the ServiceAccount) where they take effect.',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    for (const resource of ctx.resources) {
      switch (resource.kind) {
        case 'ServiceAccount':
          if (resource.apiVersion === 'v1') {
            validate(ctx, resource, validators.serviceAccount as Validator, resource.object, []);
            misplacedInMetadata(ctx, resource, ['metadata'], 'at the top level of the ServiceAccount');
          }
          break;
        case 'Secret':
          if (resource.apiVersion === 'v1') validate(ctx, resource, validators.secret as Validator, resource.object, []);
          break;
        case 'RoleBinding':
        case 'ClusterRoleBinding':
          if (resource.apiVersion.startsWith('rbac.authorization.k8s.io/')) {
            validate(ctx, resource, (resource.kind === 'RoleBinding' ? validators.roleBinding : validators.clusterRoleBinding) as Validator, resource.object, []);
          }
          break;
        case 'TokenRequest':
          if (resource.apiVersion === 'authentication.k8s.io/v1') validate(ctx, resource, validators.tokenRequest as Validator, resource.object, []);
          break;
        default:
          checkPodCarrier(ctx, resource);
      }
    }
  },
});

function checkPodCarrier(ctx: RuleContext<NoOptions, MessageIds>, resource: Resource): void {
  const podPath = own(POD_SPEC_PATHS, resource.kind);
  if (!podPath) return;
  const target = `the pod spec (${formatPath(podPath)})`;
  for (const pod of podSpecsOf(resource)) {
    validate(ctx, resource, validators.podSpec as Validator, pod.spec, pod.path);
    for (const c of pod.containers) {
      for (const field of TOKEN_FIELDS) {
        if (Object.prototype.hasOwnProperty.call(c.container, field)) {
          ctx.report({ messageId: 'misplaced', resource, path: [...c.path, field], data: { field, where: `inside container ${c.name || '(unnamed)'}`, target } });
        }
      }
    }
    if (pod.path.length > 1) misplacedInMetadata(ctx, resource, pod.metadataPath, target);
  }
  // A controller's own spec (and a CronJob's job spec) is not a pod spec.
  for (let len = 1; len < podPath.length; len++) {
    const specPath = podPath.slice(0, len);
    if (specPath[len - 1] !== 'spec') continue;
    const spec = getAt(resource.object, specPath);
    if (!isRecord(spec)) continue;
    for (const field of TOKEN_FIELDS) {
      if (Object.prototype.hasOwnProperty.call(spec, field)) {
        ctx.report({ messageId: 'misplaced', resource, path: [...specPath, field], data: { field, where: `at ${formatPath(specPath)} of the ${resource.kind}`, target } });
      }
    }
  }
  misplacedInMetadata(ctx, resource, ['metadata'], target);
}

function misplacedInMetadata(ctx: RuleContext<NoOptions, MessageIds>, resource: Resource, metadataPath: JsonPath, target: string): void {
  const md = getAt(resource.object, metadataPath);
  if (!isRecord(md)) return;
  for (const field of TOKEN_FIELDS) {
    if (Object.prototype.hasOwnProperty.call(md, field)) {
      ctx.report({ messageId: 'misplaced', resource, path: [...metadataPath, field], data: { field, where: `under ${formatPath(metadataPath)}`, target } });
    }
  }
}

function validate(ctx: RuleContext<NoOptions, MessageIds>, resource: Resource, validator: Validator, value: unknown, base: JsonPath): void {
  if (validator(value)) return;
  for (const err of validator.errors ?? []) {
    const rel = pointerToPath(err.instancePath);
    const path = [...base, ...rel];
    const field = formatPath(path);
    const actualValue = getAt(value, rel);
    const actual = describeValue(actualValue);
    switch (err.keyword) {
      case 'type': {
        const type = String(err.params['type']).split(',')[0]!;
        const expected = own(EXPECTED, type) ?? type;
        ctx.report({ messageId: 'wrongType', resource, path, data: { field, actual, expected } });
        break;
      }
      case 'pattern':
      case 'maxLength':
        ctx.report({ messageId: 'invalidName', resource, path, data: { field, actual } });
        break;
      case 'minLength':
        ctx.report({ messageId: 'missingField', resource, path, data: { field: `a non-empty ${field}` } });
        break;
      case 'enum':
      case 'const': {
        const allowed = (err.keyword === 'enum' ? (err.params['allowedValues'] as unknown[]) : [err.params['allowedValue']]).map((v) => String(v)).join(', ');
        ctx.report({ messageId: 'notOneOf', resource, path, data: { field, actual, allowed } });
        break;
      }
      case 'required':
        ctx.report({ messageId: 'missingField', resource, path, data: { field: formatPath([...path, String(err.params['missingProperty'])]) } });
        break;
      default:
        // `if`/`then` wrappers repeat what `required` already said.
        break;
    }
  }
}
