import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import type { JsonPath } from '../../types.js';
import { podSpecsOf, type ContainerView } from '../../model/index.js';
import { dict, getAt, isRecord, own, withoutTrailingSlashes } from '../../path.js';

type Provider = 'aws' | 'gcp' | 'azure';
type MessageIds = 'secretKey' | 'envVariable' | 'googleCredentialsFile';

const MECHANISM: Readonly<Record<Provider, string>> = dict({
  aws: 'EKS IRSA (eks.amazonaws.com/role-arn on the ServiceAccount) or EKS Pod Identity',
  gcp: 'GKE Workload Identity (iam.gke.io/gcp-service-account on the ServiceAccount)',
  azure: 'Azure Workload Identity (azure.workload.identity/client-id on the ServiceAccount)',
}) as Readonly<Record<Provider, string>>;

/** Keys whose name alone says what they hold (compared case-insensitively). */
const CREDENTIAL_KEYS: Readonly<Record<string, { provider: Provider; what: string }>> = dict({
  aws_access_key_id: { provider: 'aws', what: 'an AWS access key id' },
  aws_secret_access_key: { provider: 'aws', what: 'an AWS secret access key' },
  azure_client_secret: { provider: 'azure', what: 'an Azure client secret' },
});

/** Environment variables that carry static cloud credentials whatever their source. */
const CREDENTIAL_ENV: Readonly<Record<string, Provider>> = dict({
  AWS_ACCESS_KEY_ID: 'aws',
  AWS_SECRET_ACCESS_KEY: 'aws',
  AZURE_CLIENT_SECRET: 'azure',
});

const AWS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/;
/** A section header line of an AWS credentials file, `[profile]` (after blanks). */
const AWS_SECTION = /^\[[^\]\n]+\]/;
/** The secret key line of an AWS credentials file (after blanks). */
const AWS_SECRET_LINE = /^aws_secret_access_key\s*=/i;
/** An Azure client secret assigned in a shell or dotenv line (after blanks). */
const AZURE_ENV_LINE = /^(?:export[ \t]+)?AZURE_CLIENT_SECRET[ \t]*=[ \t]*\S/;
/** Line breaks as JavaScript's multiline `^` sees them. */
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

/**
 * An AWS credentials file: a `[section]` line with an `aws_secret_access_key =` line after it.
 * Line by line, so linear: the single pattern this replaces took minutes on a Secret of many
 * `[a]` lines (issue 17).
 */
function isAwsCredentialsFile(lines: readonly string[]): boolean {
  let section = false;
  for (const line of lines) {
    const t = line.trimStart();
    if (section && AWS_SECRET_LINE.test(t)) return true;
    if (!section && AWS_SECTION.test(t)) section = true;
  }
  return false;
}
const GCP_TYPE = /"type"\s*:\s*"service_account"/;
const GCP_PRIVATE_KEY = /"private_key"\s*:/;

/** Values larger than this are not inspected (a credential is small; a bundle is not one). */
const MAX_VALUE_BYTES = 1 << 20;

/** What kind of cloud credential a value holds, judged from its content; null when none. */
export function credentialInValue(value: string): { provider: Provider; what: string } | null {
  if (value.length > MAX_VALUE_BYTES) return null;
  if (GCP_TYPE.test(value) && GCP_PRIVATE_KEY.test(value)) return { provider: 'gcp', what: 'a GCP service-account key' };
  const lines = value.includes('[') || value.includes('AZURE_CLIENT_SECRET') ? value.split(LINE_BREAK) : [];
  if (isAwsCredentialsFile(lines)) return { provider: 'aws', what: 'an AWS credentials file' };
  if (AWS_KEY_ID.test(value)) return { provider: 'aws', what: 'an AWS access key id' };
  if (lines.some((l) => AZURE_ENV_LINE.test(l.trimStart()))) return { provider: 'azure', what: 'an Azure client secret' };
  return null;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_INDEX = new Map([...BASE64_ALPHABET].map((c, i) => [c, i]));

/**
 * Decodes a Secret `data` value (standard base64, as the API server stores it); null when it is not
 * base64. Bytes become characters one to one (Latin-1): every pattern this rule looks for is ASCII,
 * so no UTF-8 decoder (and no platform API) is needed.
 */
export function decodeSecretData(value: string): string | null {
  const compact = value.replace(/\s+/g, '');
  if (compact.length > (MAX_VALUE_BYTES * 4) / 3 + 4) return null;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return null;
  let bodyEnd = compact.length;
  while (bodyEnd > 0 && compact.charCodeAt(bodyEnd - 1) === 61 /* = */) bodyEnd--;
  const body = compact.slice(0, bodyEnd);
  let out = '';
  let bits = 0;
  let buffer = 0;
  for (const ch of body) {
    buffer = (buffer << 6) | BASE64_INDEX.get(ch)!;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((buffer >> bits) & 0xff);
    }
  }
  return out;
}

export default defineRule<NoOptions, MessageIds>({
  meta: {
    id: 'no-static-cloud-credentials',
    description: 'Disallow static cloud credentials in Secrets and container environments',
    category: 'workload-identity',
    severity: 'error',
    recommended: true,
    fixable: false,
    securitySeverity: 9.0,
    messages: {
      secretKey:
        '{{resource}} stores {{what}} in key {{key}}; a static cloud key works from anywhere until someone rotates it, so delete it and use {{mechanism}}',
      envVariable:
        '{{resource}} sets {{variable}} in container {{container}}, a static cloud credential in the process environment; remove it and use {{mechanism}}',
      googleCredentialsFile:
        '{{resource}} points GOOGLE_APPLICATION_CREDENTIALS in container {{container}} at a key file from Secret volume {{volume}}; remove the key and use {{mechanism}}',
    },
    remediation: 'Delete stored cloud keys and federate the service account with the cloud provider (EKS IRSA / Pod Identity, GKE Workload Identity, Azure Workload Identity).',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    for (const resource of ctx.resources) {
      if (resource.kind === 'Secret' && resource.apiVersion === 'v1') {
        for (const field of ['data', 'stringData'] as const) {
          const map = resource.object[field];
          if (!isRecord(map)) continue;
          for (const [key, raw] of Object.entries(map)) {
            const byName = own(CREDENTIAL_KEYS, key.toLowerCase());
            let hit = byName ?? null;
            if (!hit && typeof raw === 'string') {
              const value = field === 'data' ? decodeSecretData(raw) : raw;
              if (value !== null) hit = credentialInValue(value);
            }
            // Never put the value in the message: only the key and what kind of credential it is.
            if (hit) ctx.report({ messageId: 'secretKey', resource, path: [field, key], data: { what: hit.what, key, mechanism: MECHANISM[hit.provider] } });
          }
        }
        continue;
      }
      for (const pod of podSpecsOf(resource)) {
        const secretVolumes = new Set(pod.volumes.filter((v) => isSecretVolume(v.volume)).map((v) => v.name));
        for (const c of pod.containers) {
          const container = c.name || '(unnamed)';
          for (const { env: e, name: variable, path: at } of c.env) {
            if (variable === undefined) continue;
            const path: JsonPath = [...at, 'name'];
            const provider = own(CREDENTIAL_ENV, variable);
            if (provider) {
              const defined = (typeof e['value'] === 'string' && e['value'] !== '') || isRecord(e['valueFrom']);
              if (defined) ctx.report({ messageId: 'envVariable', resource, path, data: { variable, container, mechanism: MECHANISM[provider] } });
              continue;
            }
            if (variable === 'GOOGLE_APPLICATION_CREDENTIALS' && typeof e['value'] === 'string') {
              const volume = mountedVolumeAt(c, e['value']);
              if (volume !== undefined && secretVolumes.has(volume)) {
                ctx.report({ messageId: 'googleCredentialsFile', resource, path, data: { container, volume, mechanism: MECHANISM.gcp } });
              }
            }
          }
        }
      }
    }
  },
});

function isSecretVolume(volume: Record<string, unknown>): boolean {
  if (isRecord(volume['secret'])) return true;
  const sources = getAt(volume, ['projected', 'sources']);
  return Array.isArray(sources) && sources.some((s) => isRecord(s) && isRecord(s['secret']));
}

/** The volume whose mount holds `file` in this container (the longest matching mount path). */
function mountedVolumeAt(container: ContainerView, file: string): string | undefined {
  let best: { volume: string; length: number } | undefined;
  for (const { mount: m, volume } of container.mounts) {
    if (volume === undefined || typeof m['mountPath'] !== 'string') continue;
    const dir = withoutTrailingSlashes(m['mountPath']);
    const subPath = typeof m['subPath'] === 'string' && m['subPath'] !== '';
    const matches = subPath ? file === m['mountPath'] : file === dir || file.startsWith(`${dir}/`);
    if (matches && (!best || dir.length > best.length)) best = { volume, length: dir.length };
  }
  return best?.volume;
}
