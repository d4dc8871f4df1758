import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import { componentConfigs, lastFlag } from '../../model/components.js';
import { goParseBool, refusal } from '../../model/flags.js';

type MessageIds = 'useCredentials' | 'missingPrivateKey' | 'missingRootCa' | 'refusedFlag';

export default defineRule<NoOptions, MessageIds>({
  meta: {
    id: 'controller-manager-token-flags',
    description: 'Require kube-controller-manager flags that give controllers their own tokens and let pods verify the API server',
    category: 'control-plane',
    severity: 'error',
    recommended: true,
    fixable: false,
    securitySeverity: 6.5,
    messages: {
      useCredentials:
        '{{resource}} {{state}}, so every controller shares the controller manager\'s own powerful identity; set --use-service-account-credentials=true',
      missingPrivateKey:
        '{{resource}} runs kube-controller-manager without --service-account-private-key-file, so it cannot sign service account tokens; set --service-account-private-key-file (kubeadm uses /etc/kubernetes/pki/sa.key)',
      missingRootCa:
        '{{resource}} runs kube-controller-manager without --root-ca-file, so pods get no CA bundle to verify the API server they send tokens to; set --root-ca-file to the cluster CA',
      refusedFlag:
        '{{resource}} gives kube-controller-manager the argument "{{value}}", which its flag parser (pflag) refuses ({{why}}), so kube-controller-manager does not start; {{fix}}',
    },
    remediation: 'Run kube-controller-manager with --use-service-account-credentials=true, --service-account-private-key-file and --root-ca-file.',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    for (const resource of ctx.resources) {
      for (const cfg of componentConfigs(resource, 'kube-controller-manager')) {
        const has = (name: string): boolean => cfg.flags.has(name) || cfg.defaults.has(name);
        for (const word of cfg.refused) ctx.report({ messageId: 'refusedFlag', resource, path: word.path, data: refusal(word.value, cfg.source) });
        const use = lastFlag(cfg, 'use-service-account-credentials');
        if (!use && !cfg.defaults.has('use-service-account-credentials')) {
          ctx.report({ messageId: 'useCredentials', resource, path: cfg.anchor, data: { state: 'does not set --use-service-account-credentials (default false)' } });
        } else if (use && goParseBool(use.value) !== true) {
          ctx.report({ messageId: 'useCredentials', resource, path: use.path, data: { state: `sets --use-service-account-credentials=${use.value}` } });
        }
        if (!has('service-account-private-key-file')) ctx.report({ messageId: 'missingPrivateKey', resource, path: cfg.anchor });
        if (!has('root-ca-file')) ctx.report({ messageId: 'missingRootCa', resource, path: cfg.anchor });
      }
    }
  },
});
