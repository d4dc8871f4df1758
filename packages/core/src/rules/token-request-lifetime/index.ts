import { defineRule, type RuleContext } from '../../rule.js';
import type { JsonPath, Resource } from '../../types.js';
import { podSpecsOf } from '../../model/index.js';
import { commandBasename, commandLineOf, formatSeconds, invocationsIn, parseGoDuration, type Word } from '../../model/command.js';
import { KUBECTL_FLAGS, parseCommandLine } from '../../model/flags.js';
import { getAt, isRecord } from '../../path.js';

/** Options of `token-request-lifetime`. */
export interface TokenRequestLifetimeOptions {
  /** Longest accepted token lifetime in seconds. */
  maxSeconds: number;
}

type MessageIds = 'tooShort' | 'tooLong' | 'missingDuration' | 'invalidDuration' | 'missingAudience';

/** The API server rejects TokenRequests shorter than this. */
const MIN_SECONDS = 600;

/** What one `kubectl create token` invocation asks for. */
export interface TokenRequestCall {
  /** `--duration` value, when given. */
  duration?: Word;
  audiences: Word[];
}

/**
 * Reads the words after `kubectl`: null unless they are `create token …` (global flags may come
 * first); otherwise its `--duration` and `--audience` flags, in both `--flag=value` and
 * `--flag value` forms.
 */
export function parseKubectlCreateToken(words: readonly Word[]): TokenRequestCall | null {
  const { flags, positional } = parseCommandLine(words, KUBECTL_FLAGS);
  if (positional[0]?.text !== 'create' || positional[1]?.text !== 'token') return null;
  const call: TokenRequestCall = { audiences: [] };
  for (const f of flags) {
    if (f.name === '--duration' && f.value) call.duration = f.value;
    if (f.name === '--audience' && f.value) call.audiences.push(f.value);
  }
  return call;
}

export default defineRule<TokenRequestLifetimeOptions, MessageIds>({
  meta: {
    id: 'token-request-lifetime',
    description: 'Require token requests to state a short lifetime and an audience',
    category: 'short-lived-tokens',
    severity: 'warn',
    recommended: true,
    fixable: false,
    securitySeverity: 5.0,
    messages: {
      tooShort:
        '{{resource}} requests a token for {{duration}} in {{where}}, below the 10-minute minimum the API server accepts; request at least 10m',
      tooLong:
        '{{resource}} requests a token for {{duration}} in {{where}}, longer than the {{max}} this project allows, so a leaked token stays valid longer; request {{max}} or less',
      missingDuration:
        '{{resource}} requests a token in {{where}} without {{field}}, so the server\'s default lifetime applies; state an explicit lifetime of {{max}} or less',
      invalidDuration:
        '{{resource}} requests a token in {{where}} with --duration "{{duration}}", which is not a Go duration; write it like 600s, 10m or 1h',
      missingAudience:
        '{{resource}} requests a token in {{where}} without {{field}}, so the token is valid for the Kubernetes API server itself; name the service that will receive it',
    },
    remediation: 'Give every token request an explicit lifetime from 10 minutes to the allowed maximum and the audience of the service that will receive the token.',
    schema: { type: 'object', additionalProperties: false, properties: { maxSeconds: { type: 'integer', minimum: MIN_SECONDS, description: 'longest accepted lifetime' } } },
    defaultOptions: { maxSeconds: 3600 },
  },
  check(ctx) {
    for (const resource of ctx.resources) {
      if (resource.kind === 'TokenRequest' && resource.apiVersion === 'authentication.k8s.io/v1') {
        checkTokenRequestObject(ctx, resource);
        continue;
      }
      if (resource.kind === 'ConfigMap' && resource.apiVersion === 'v1' && isRecord(resource.object['data'])) {
        for (const [key, value] of Object.entries(resource.object['data'])) {
          if (typeof value !== 'string') continue;
          for (const words of invocationsIn(value, 'kubectl')) {
            const call = parseKubectlCreateToken(words);
            if (call) checkCall(ctx, resource, call, ['data', key], undefined, `ConfigMap key ${key}`);
          }
        }
        continue;
      }
      for (const pod of podSpecsOf(resource)) {
        for (const c of pod.containers) {
          const where = `container ${c.name || '(unnamed)'}`;
          const argv = commandLineOf(c);
          // argv form: ["kubectl", "create", "token", "sa", "--duration=10m"]
          argv.forEach((a, i) => {
            if (/\s/.test(a.text) || commandBasename(a.text) !== 'kubectl') return;
            const rest = argv.slice(i + 1);
            const words = rest.map((r) => ({ text: r.text, dynamic: false }));
            const call = parseKubectlCreateToken(words);
            if (!call) return;
            const durationAt = call.duration ? rest[words.indexOf(call.duration)]?.path ?? rest.find((r) => r.text.startsWith('--duration='))?.path : undefined;
            checkCall(ctx, resource, call, a.path, durationAt, where);
          });
          // scripts: ["sh", "-c", "TOKEN=$(kubectl create token sa --duration 10m) …"]
          for (const a of argv) {
            if (!/\s/.test(a.text)) continue;
            for (const words of invocationsIn(a.text, 'kubectl')) {
              const call = parseKubectlCreateToken(words);
              if (call) checkCall(ctx, resource, call, a.path, undefined, `the script of ${where}`);
            }
          }
        }
      }
    }
  },
});

function checkCall(
  ctx: RuleContext<TokenRequestLifetimeOptions, MessageIds>,
  resource: Resource,
  call: TokenRequestCall,
  path: JsonPath,
  durationPath: JsonPath | undefined,
  where: string,
): void {
  const max = formatSeconds(ctx.options.maxSeconds);
  if (!call.duration) {
    ctx.report({ messageId: 'missingDuration', resource, path, data: { where, field: '--duration', max } });
  } else if (!call.duration.dynamic) {
    const seconds = parseGoDuration(call.duration.text);
    const at = durationPath ?? path;
    if (seconds === null) ctx.report({ messageId: 'invalidDuration', resource, path: at, data: { where, duration: call.duration.text } });
    else if (seconds === 0) ctx.report({ messageId: 'missingDuration', resource, path: at, data: { where, field: 'a non-zero --duration', max } });
    else if (seconds < MIN_SECONDS) ctx.report({ messageId: 'tooShort', resource, path: at, data: { where, duration: call.duration.text } });
    else if (seconds > ctx.options.maxSeconds) ctx.report({ messageId: 'tooLong', resource, path: at, data: { where, duration: call.duration.text, max } });
  }
  if (call.audiences.length === 0) ctx.report({ messageId: 'missingAudience', resource, path, data: { where, field: '--audience' } });
}

function checkTokenRequestObject(ctx: RuleContext<TokenRequestLifetimeOptions, MessageIds>, resource: Resource): void {
  const max = formatSeconds(ctx.options.maxSeconds);
  const where = 'its spec';
  const spec = getAt(resource.object, ['spec']);
  const seconds = isRecord(spec) ? spec['expirationSeconds'] : undefined;
  if (seconds === undefined || seconds === null) {
    ctx.report({ messageId: 'missingDuration', resource, path: ['spec'], data: { where, field: 'spec.expirationSeconds', max } });
  } else if (typeof seconds === 'number') {
    const path = ['spec', 'expirationSeconds'];
    const duration = `${seconds}s`;
    if (seconds < MIN_SECONDS) ctx.report({ messageId: 'tooShort', resource, path, data: { where, duration } });
    else if (seconds > ctx.options.maxSeconds) ctx.report({ messageId: 'tooLong', resource, path, data: { where, duration, max } });
  }
  const audiences = isRecord(spec) ? spec['audiences'] : undefined;
  if (!Array.isArray(audiences) || audiences.length === 0) {
    ctx.report({ messageId: 'missingAudience', resource, path: audiences === undefined ? ['spec'] : ['spec', 'audiences'], data: { where, field: 'spec.audiences' } });
  }
}
