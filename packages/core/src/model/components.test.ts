import { describe, expect, it } from 'vitest';
import { componentConfigs, lastFlag } from './components.js';
import { resourcesOf } from './resources.js';
import { parseManifests } from '../parse/index.js';

const kubeadm = (extraArgs: string) => resourcesOf(parseManifests(`apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\ncontrollerManager:\n  extraArgs:\n${extraArgs}`))[0]!;

describe('kubeadm extraArgs, as the command line kubeadm writes from them (ArgumentsToCommand)', () => {
  it('sorts by name then value, so the greater value of a repeated flag wins, and reads `_` as `-`', () => {
    const [cfg] = componentConfigs(kubeadm('  - {name: root-ca-file, value: /z.crt}\n  - {name: root-ca-file, value: /a.crt}\n  - {name: service-account-private-key-file, value: /b.key}\n  - {name: service_account_private_key_file, value: /a.key}\n  - {name: use_service_account_credentials, value: "true"}\n'), 'kube-controller-manager');
    expect(lastFlag(cfg!, 'root-ca-file')?.value).toBe('/z.crt');
    // `service-account-…` sorts before `service_account_…`: the underscore spelling comes last and wins
    expect(lastFlag(cfg!, 'service-account-private-key-file')?.value).toBe('/a.key');
    expect(lastFlag(cfg!, 'use-service-account-credentials')?.value).toBe('true');
    expect(lastFlag(cfg!, 'service-account-private-key-file')?.path).toEqual(['controllerManager', 'extraArgs', 3, 'value']);
  });
});
