import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

const good = [
  '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
  '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
  '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
  '--service-account-extend-token-expiration=false',
];

const staticPod = (flags: string[], command = 'kube-apiserver'): string => yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: kube-apiserver, namespace: kube-system}
  spec:
    containers:
      - name: kube-apiserver
        command:
          - ${command}
${flags.map((f) => `          - "${f}"`).join('\n')}
`;

new RuleTester().run('apiserver-token-flags', rule, {
  valid: [
    { name: 'hardened static pod', code: staticPod([...good, '--service-account-max-token-expiration=24h', '--service-account-jwks-uri=https://oidc.example.com/openid/v1/jwks']) },
    { name: 'flags split between command and args, space form, binary with a directory', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: api, namespace: kube-system}
      spec:
        containers:
          - name: api
            command: [/usr/local/bin/kube-apiserver, --service-account-issuer, "https://oidc.example.com"]
            args:
              - --service-account-key-file
              - /etc/kubernetes/pki/sa.pub
              - --service-account-signing-key-file=/etc/kubernetes/pki/sa.key
              - --service-account-extend-token-expiration=F
              - --disable-admission-plugins=DefaultStorageClass
    ` },
    { name: 'underscores in flag names are dashes (WordSepNormalizeFunc)', code: staticPod(['--service_account_issuer=https://kubernetes.default.svc', ...good.slice(1)]) },
    { name: 'a bool flag repeated: the last one wins (pflag)', code: staticPod([...good.slice(0, 3), '--service-account-extend-token-expiration=true', '--service-account-lookup=false', '--service-account-lookup', '--service-account-extend-token-expiration=0']) },
    { name: 'not the API server', code: staticPod(['--service-account-lookup=false'], 'kube-scheduler') },
    { name: 'kubeadm v1beta4 list form: kubeadm supplies issuer and keys', code: yaml`
      apiVersion: kubeadm.k8s.io/v1beta4
      kind: ClusterConfiguration
      apiServer:
        extraArgs:
          - name: service-account-extend-token-expiration
            value: "false"
    ` },
  ],
  invalid: [
    {
      name: 'a bool flag in "--flag value" form is true (the value is a positional argument), and ParseBool spellings only',
      code: staticPod([...good.slice(0, 3), '--service-account-extend-token-expiration', 'false', '--service-account-lookup=FALSE']),
      errors: [
        { messageId: 'extendExpiration', line: 12, column: 11, endLine: 12, endColumn: 54 },
        { messageId: 'lookupDisabled', line: 14, column: 11, endLine: 14, endColumn: 43 },
      ],
      output: null,
    },
    {
      name: 'a spelling Go\'s ParseBool rejects is not false',
      code: staticPod([...good.slice(0, 3), '--service-account-extend-token-expiration=no', '--service-account-lookup=off']),
      errors: [{ messageId: 'extendExpiration', line: 12, column: 11, endLine: 12, endColumn: 57 }],
      output: null,
    },
    {
      name: 'bare kube-apiserver: every missing flag, reported at command',
      code: staticPod([]),
      errors: [
        { messageId: 'missingIssuer', line: 7, column: 7, endLine: 7, endColumn: 14, path: 'spec.containers[0].command' },
        { messageId: 'missingSigningKey', line: 7, column: 7, endLine: 7, endColumn: 14 },
        { messageId: 'missingKeyFile', line: 7, column: 7, endLine: 7, endColumn: 14 },
        { messageId: 'extendExpiration', line: 7, column: 7, endLine: 7, endColumn: 14 },
      ],
      output: null,
    },
    {
      name: 'bad values, each at its argument',
      code: staticPod([
        '--service-account-issuer=http://issuer.internal',
        '--service-account-jwks-uri=http://issuer.internal/jwks',
        '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
        '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
        '--service-account-lookup=false',
        '--disable-admission-plugins=DefaultStorageClass,ServiceAccount',
        '--service-account-extend-token-expiration=true',
        '--service-account-max-token-expiration=720h',
      ]),
      errors: [
        { messageId: 'issuerNotHttps', line: 9, column: 11, endLine: 9, endColumn: 60 },
        { messageId: 'jwksNotHttps', line: 10, column: 11, endLine: 10, endColumn: 67 },
        { messageId: 'lookupDisabled', line: 13, column: 11, endLine: 13, endColumn: 43 },
        { messageId: 'admissionDisabled', line: 14, column: 11, endLine: 14, endColumn: 75 },
        { messageId: 'extendExpiration', line: 15, column: 11, endLine: 15, endColumn: 59 },
        { messageId: 'maxExpirationTooLong', line: 16, column: 11, endLine: 16, endColumn: 56 },
      ],
      output: null,
    },
    {
      name: 'sh -c script and an element holding two flags',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: api, namespace: kube-system}
        spec:
          template:
            spec:
              containers:
                - name: a
                  command: [sh, -c, "exec kube-apiserver --service-account-issuer=https://i --service-account-key-file=k --service-account-signing-key-file=s --service-account-lookup false"]
                - name: b
                  command: [kube-apiserver]
                  args: ["--service-account-issuer=https://i --service-account-key-file=k", "--service-account-signing-key-file=s --service-account-extend-token-expiration=false --service-account-lookup=false"]
      `,
      // `--service-account-lookup false`: pflag gives a bool flag no separate value, so lookup is
      // true there (and "false" a positional argument); only the second container disables it.
      errors: [
        { messageId: 'extendExpiration', line: 9, column: 29, endLine: 9, endColumn: 182 },
        { messageId: 'lookupDisabled', line: 12, column: 85, endLine: 12, endColumn: 202 },
      ],
      output: null,
    },
    {
      name: 'kubeadm v1beta3 map form',
      code: yaml`
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: ClusterConfiguration
        apiServer:
          extraArgs:
            service-account-issuer: "http://insecure"
            service-account-lookup: "false"
      `,
      errors: [
        { messageId: 'extendExpiration', line: 4, column: 3, endLine: 4, endColumn: 12 },
        { messageId: 'issuerNotHttps', line: 5, column: 5, endLine: 5, endColumn: 46 },
        { messageId: 'lookupDisabled', line: 6, column: 5, endLine: 6, endColumn: 36 },
      ],
      output: null,
    },
    {
      name: 'one dash is no long flag for pflag: the binary refuses its command line, and the word sets nothing',
      code: staticPod([...good, '-service-account-lookup=false', '-v=2']),
      errors: [{ messageId: 'refusedFlag', line: 13, column: 11, endLine: 13, endColumn: 42 }],
      output: null,
    },
    {
      name: 'kubeadm: a name written with its dashes gets two more from kubeadm, which pflag refuses',
      code: yaml`
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: ClusterConfiguration
        apiServer:
          extraArgs:
            service-account-extend-token-expiration: "false"
            --service-account-lookup: "false"
      `,
      errors: [{ messageId: 'refusedFlag', line: 6, column: 5, endLine: 6, endColumn: 38 }],
      output: null,
    },
    {
      name: 'kubeadm without an apiServer section: reported at the resource',
      code: yaml`
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: ClusterConfiguration
        kubernetesVersion: v1.31.0
      `,
      errors: [{ messageId: 'extendExpiration', line: 1, column: 1, endLine: 1, endColumn: 35 }],
      output: null,
    },
  ],
});
