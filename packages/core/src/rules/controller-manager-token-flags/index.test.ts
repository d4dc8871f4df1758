import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

new RuleTester().run('controller-manager-token-flags', rule, {
  valid: [
    { name: 'hardened static pod (args form)', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: kcm, namespace: kube-system}
      spec:
        containers:
          - name: kcm
            command: [kube-controller-manager]
            args: [--use-service-account-credentials=true, --service-account-private-key-file=/etc/kubernetes/pki/sa.key, --root-ca-file, /etc/kubernetes/pki/ca.crt]
    ` },
    { name: 'kubeadm sets all three itself', code: yaml`
      apiVersion: kubeadm.k8s.io/v1beta3
      kind: ClusterConfiguration
      controllerManager:
        extraArgs: {bind-address: 0.0.0.0}
    ` },
    { name: 'the API server is another rule\'s business', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: api}
      spec:
        containers: [{name: api, command: [kube-apiserver]}]
    ` },
  ],
  invalid: [
    {
      name: 'missing flags at command; an explicit false at its argument',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: kcm, namespace: kube-system}
        spec:
          containers:
            - name: kcm
              command:
                - /usr/local/bin/kube-controller-manager
                - --use-service-account-credentials=false
          initContainers:
            - name: other
              command: [kube-controller-manager]
      `,
      errors: [
        { messageId: 'missingPrivateKey', line: 7, column: 7, endLine: 7, endColumn: 14, path: 'spec.containers[0].command' },
        { messageId: 'missingRootCa', line: 7, column: 7, endLine: 7, endColumn: 14 },
        { messageId: 'useCredentials', line: 9, column: 11, endLine: 9, endColumn: 50 },
        { messageId: 'useCredentials', line: 12, column: 7, endLine: 12, endColumn: 14 },
        { messageId: 'missingPrivateKey', line: 12, column: 7, endLine: 12, endColumn: 14 },
        { messageId: 'missingRootCa', line: 12, column: 7, endLine: 12, endColumn: 14 },
      ],
      output: null,
    },
    {
      name: 'kubeadm override to false (list form)',
      code: yaml`
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: ClusterConfiguration
        controllerManager:
          extraArgs:
            - {name: use-service-account-credentials, value: "false"}
      `,
      errors: [{ messageId: 'useCredentials', line: 5, column: 47, endLine: 5, endColumn: 61 }],
      output: null,
    },
    {
      name: 'one dash is no long flag for pflag: the binary refuses its command line',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: kcm, namespace: kube-system}
        spec:
          containers:
            - name: kcm
              command: [kube-controller-manager, --use-service-account-credentials=true, --service-account-private-key-file=/k, --root-ca-file=/ca, -root-ca-file=/ca]
      `,
      errors: [{ messageId: 'refusedFlag', line: 7, column: 141, endLine: 7, endColumn: 158 }],
      output: null,
    },
  ],
});
