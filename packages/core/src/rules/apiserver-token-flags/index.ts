import { defineRule } from '../../rule.js';
import { componentConfigs, lastFlag } from '../../model/components.js';
import { goParseBool, refusal } from '../../model/flags.js';
import { formatSeconds, parseGoDuration } from '../../model/command.js';

/** Options of `apiserver-token-flags`. */
export interface ApiserverTokenFlagsOptions {
  /** Highest accepted `--service-account-max-token-expiration`, in seconds. */
  maxSeconds: number;
}

type MessageIds =
  | 'missingIssuer'
  | 'issuerNotHttps'
  | 'jwksNotHttps'
  | 'missingSigningKey'
  | 'missingKeyFile'
  | 'lookupDisabled'
  | 'admissionDisabled'
  | 'extendExpiration'
  | 'maxExpirationTooLong'
  | 'refusedFlag';

export default defineRule<ApiserverTokenFlagsOptions, MessageIds>({
  meta: {
    id: 'apiserver-token-flags',
    description: 'Require kube-apiserver flags that keep service account tokens bound, verifiable and short-lived',
    category: 'control-plane',
    severity: 'error',
    recommended: true,
    fixable: false,
    securitySeverity: 7.0,
    messages: {
      missingIssuer:
        '{{resource}} runs kube-apiserver without --service-account-issuer, so it cannot issue bound tokens; set --service-account-issuer to the https:// URL of the cluster\'s issuer',
      issuerNotHttps:
        '{{resource}} sets --service-account-issuer to "{{value}}", which is not an https:// URL, so verifiers cannot fetch its keys over TLS; use an https:// issuer URL',
      jwksNotHttps:
        '{{resource}} sets --service-account-jwks-uri to "{{value}}", which is not an https:// URL, so verifiers would fetch signing keys without TLS; use an https:// URL',
      missingSigningKey:
        '{{resource}} runs kube-apiserver without --service-account-signing-key-file, so it cannot sign bound tokens; set --service-account-signing-key-file to the issuer\'s private key',
      missingKeyFile:
        '{{resource}} runs kube-apiserver without --service-account-key-file, so it has no public key to verify tokens against; set --service-account-key-file (kubeadm uses /etc/kubernetes/pki/sa.pub)',
      lookupDisabled:
        '{{resource}} sets --service-account-lookup=false, so tokens of deleted service accounts and Secrets keep working; remove the flag or set it to true',
      admissionDisabled:
        '{{resource}} lists ServiceAccount in --disable-admission-plugins, so pods are admitted without their service account being checked; remove ServiceAccount from the list',
      extendExpiration:
        '{{resource}} {{state}}, so the auto-mounted tokens it issues stay valid for a year; set --service-account-extend-token-expiration=false',
      maxExpirationTooLong:
        '{{resource}} sets --service-account-max-token-expiration to {{value}}, above the {{max}} this project allows, so requested tokens may live that long; lower --service-account-max-token-expiration to {{max}} or less',
      refusedFlag:
        '{{resource}} gives kube-apiserver the argument "{{value}}", which its flag parser (pflag) refuses ({{why}}), so kube-apiserver does not start; {{fix}}',
    },
    remediation: 'Run kube-apiserver with an https issuer, signing and verification keys, lookup and the ServiceAccount admission plugin on, --service-account-extend-token-expiration=false and a bounded --service-account-max-token-expiration.',
    schema: { type: 'object', additionalProperties: false, properties: { maxSeconds: { type: 'integer', minimum: 600, description: 'highest accepted `--service-account-max-token-expiration`' } } },
    defaultOptions: { maxSeconds: 86400 },
  },
  check(ctx) {
    for (const resource of ctx.resources) {
      for (const cfg of componentConfigs(resource, 'kube-apiserver')) {
        const has = (name: string): boolean => cfg.flags.has(name) || cfg.defaults.has(name);
        for (const word of cfg.refused) ctx.report({ messageId: 'refusedFlag', resource, path: word.path, data: refusal(word.value, cfg.source) });
        const issuers = cfg.flags.get('service-account-issuer') ?? [];
        if (!has('service-account-issuer')) ctx.report({ messageId: 'missingIssuer', resource, path: cfg.anchor });
        for (const issuer of issuers) {
          if (!/^https:\/\/\S+$/.test(issuer.value)) ctx.report({ messageId: 'issuerNotHttps', resource, path: issuer.path, data: { value: issuer.value } });
        }
        const jwks = lastFlag(cfg, 'service-account-jwks-uri');
        if (jwks && jwks.value !== '' && !/^https:\/\/\S+$/.test(jwks.value)) ctx.report({ messageId: 'jwksNotHttps', resource, path: jwks.path, data: { value: jwks.value } });
        if (!has('service-account-signing-key-file')) ctx.report({ messageId: 'missingSigningKey', resource, path: cfg.anchor });
        if (!has('service-account-key-file')) ctx.report({ messageId: 'missingKeyFile', resource, path: cfg.anchor });
        const lookup = lastFlag(cfg, 'service-account-lookup');
        if (lookup && goParseBool(lookup.value) === false) ctx.report({ messageId: 'lookupDisabled', resource, path: lookup.path });
        for (const disabled of cfg.flags.get('disable-admission-plugins') ?? []) {
          if (disabled.value.split(',').map((p) => p.trim()).includes('ServiceAccount')) ctx.report({ messageId: 'admissionDisabled', resource, path: disabled.path });
        }
        const extend = lastFlag(cfg, 'service-account-extend-token-expiration');
        if (!extend) ctx.report({ messageId: 'extendExpiration', resource, path: cfg.anchor, data: { state: 'does not set --service-account-extend-token-expiration (default true)' } });
        else if (goParseBool(extend.value) !== false) ctx.report({ messageId: 'extendExpiration', resource, path: extend.path, data: { state: `sets --service-account-extend-token-expiration=${extend.value}` } });
        const max = lastFlag(cfg, 'service-account-max-token-expiration');
        const seconds = max ? parseGoDuration(max.value) : null;
        if (max && seconds !== null && seconds > ctx.options.maxSeconds) {
          ctx.report({ messageId: 'maxExpirationTooLong', resource, path: max.path, data: { value: max.value, max: formatSeconds(ctx.options.maxSeconds) } });
        }
      }
    }
  },
});
