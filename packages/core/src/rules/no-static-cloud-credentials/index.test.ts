import { describe, expect, it } from 'vitest';
import { RuleTester, yaml } from '../../testing/index.js';
import { lint } from '../../lint.js';
import rule, { decodeSecretData, credentialInValue } from './index.js';

// AWS's documented example key id and the base64 encodings of test credentials (not real keys).
const AWS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const AWS_KEY_ID_B64 = 'QUtJQUlPU0ZPRE5ON0VYQU1QTEU=';
const AWS_FILE_B64 =
  'W2RlZmF1bHRdCmF3c19hY2Nlc3Nfa2V5X2lkID0gQUtJQUlPU0ZPRE5ON0VYQU1QTEUKYXdzX3NlY3JldF9hY2Nlc3Nfa2V5ID0gd0phbHJYVXRuRkVNSS9LN01ERU5HL2JQeFJmaUNZRVhBTVBMRUtFWQo=';
const GCP_KEY_B64 =
  'eyJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIsICJwcm9qZWN0X2lkIjogImRlbW8iLCAicHJpdmF0ZV9rZXlfaWQiOiAiYWJjIiwgInByaXZhdGVfa2V5IjogIi0tLS0tQkVHSU4gUFJJVkFURSBLRVktLS0tLVxuTUlJRXYuLi5cbi0tLS0tRU5EIFBSSVZBVEUgS0VZLS0tLS1cbiIsICJjbGllbnRfZW1haWwiOiAieEBkZW1vLmlhbS5nc2VydmljZWFjY291bnQuY29tIn0=';

new RuleTester().run('no-static-cloud-credentials', rule, {
  valid: [
    { name: 'ordinary Secret values', code: yaml`
      apiVersion: v1
      kind: Secret
      metadata: {name: s}
      data: {greeting: aGVsbG8gd29ybGQ=, user: eyJ0eXBlIjogImF1dGhvcml6ZWRfdXNlciJ9}
      stringData: {password: hunter2, note: "AKIA is a prefix"}
    ` },
    { name: 'not base64: not decoded, not judged', code: yaml`
      apiVersion: v1
      kind: Secret
      metadata: {name: s}
      data: {x: "not base64!"}
    ` },
    { name: 'workload identity env (role ARN and token file) is fine', code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: c
            env:
              - {name: AWS_ROLE_ARN, value: "arn:aws:iam::123456789012:role/r"}
              - {name: AWS_WEB_IDENTITY_TOKEN_FILE, value: /var/run/secrets/eks.amazonaws.com/serviceaccount/token}
              - {name: AWS_ACCESS_KEY_ID, value: ""}
              - {name: GOOGLE_APPLICATION_CREDENTIALS, value: /etc/workload-identity/credential-configuration.json}
            volumeMounts: [{name: wi, mountPath: /etc/workload-identity, readOnly: true}]
        volumes: [{name: wi, configMap: {name: wi-config}}]
    ` },
  ],
  invalid: [
    {
      name: 'Secret keys by name (any case), by AWS key id, AWS credentials file and GCP key JSON (base64), and stringData',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: {name: cloud, namespace: ops}
        type: Opaque
        data:
          AWS_SECRET_ACCESS_KEY: d0phbHJYVXRuRkVNSQ==
          id: ${AWS_KEY_ID_B64}
          credentials: ${AWS_FILE_B64}
          key.json: ${GCP_KEY_B64}
        stringData:
          azure_client_secret: s3cr3t
          env: "AZURE_TENANT_ID=t\\nAZURE_CLIENT_SECRET=s3cr3t\\n"
      `,
      errors: [
        { messageId: 'secretKey', line: 6, column: 3, endLine: 6, endColumn: 46, path: 'data.AWS_SECRET_ACCESS_KEY' },
        { messageId: 'secretKey', line: 7, column: 3, endLine: 7, endColumn: 35 },
        { messageId: 'secretKey', line: 8, column: 3, endLine: 8, endColumn: 172 },
        { messageId: 'secretKey', line: 9, column: 3, endLine: 9, endColumn: 293 },
        { messageId: 'secretKey', line: 11, column: 3, endLine: 11, endColumn: 30 },
        { messageId: 'secretKey', line: 12, column: 3, endLine: 12, endColumn: 57 },
      ],
      output: null,
    },
    {
      name: 'credential env variables (literal and from a Secret), init container of a Deployment',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: uploader}
        spec:
          template:
            spec:
              initContainers:
                - name: fetch
                  env:
                    - name: AWS_ACCESS_KEY_ID
                      value: ${AWS_KEY_ID}
                    - name: AWS_SECRET_ACCESS_KEY
                      valueFrom: {secretKeyRef: {name: aws, key: secret}}
              containers:
                - name: app
                  env: [{name: AZURE_CLIENT_SECRET, valueFrom: {secretKeyRef: {name: az, key: secret}}}]
      `,
      errors: [
        { messageId: 'envVariable', line: 10, column: 15, endLine: 10, endColumn: 38 },
        { messageId: 'envVariable', line: 12, column: 15, endLine: 12, endColumn: 42 },
        { messageId: 'envVariable', line: 16, column: 18, endLine: 16, endColumn: 43 },
      ],
      output: null,
    },
    {
      name: 'GOOGLE_APPLICATION_CREDENTIALS into a mounted Secret (CronJob)',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: backup}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: backup
                      env: [{name: GOOGLE_APPLICATION_CREDENTIALS, value: /var/secrets/google/key.json}]
                      volumeMounts: [{name: gcp-key, mountPath: /var/secrets/google/}]
                  volumes: [{name: gcp-key, secret: {secretName: gcp-key}}]
      `,
      errors: [{ messageId: 'googleCredentialsFile', line: 11, column: 22, endLine: 11, endColumn: 58 }],
      output: null,
    },
  ],
});

describe('no-static-cloud-credentials never prints a secret value', () => {
  it('keeps decoded and plain values out of every message', () => {
    const text = yaml`
      apiVersion: v1
      kind: Secret
      metadata: {name: cloud}
      data: {id: ${AWS_KEY_ID_B64}, credentials: ${AWS_FILE_B64}}
      stringData: {aws_secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}
    `;
    const [r] = lint([{ path: 's.yaml', text }], { config: { rules: { 'no-static-cloud-credentials': 'error' } } });
    const out = JSON.stringify(r!.messages);
    expect(r!.messages.filter((m) => m.ruleId === 'no-static-cloud-credentials')).toHaveLength(3);
    for (const value of [AWS_KEY_ID, AWS_KEY_ID_B64, AWS_FILE_B64, 'wJalrXUtnFEMI', 'EXAMPLEKEY']) expect(out).not.toContain(value);
  });
});

describe('decodeSecretData and credentialInValue', () => {
  it('decodes base64 (with line breaks) and rejects what is not base64', () => {
    expect(decodeSecretData('aGVsbG8g\nd29ybGQ=')).toBe('hello world');
    expect(decodeSecretData('aGk')).toBe('hi');
    expect(decodeSecretData('a')).toBeNull();
    expect(decodeSecretData('hello world!')).toBeNull();
  });
  it('recognises each credential shape, and only those', () => {
    expect(credentialInValue(`key ${AWS_KEY_ID} here`)?.provider).toBe('aws');
    expect(credentialInValue('ASIAY34FZKBOKMUTVV7A')?.what).toBe('an AWS access key id');
    expect(credentialInValue('XAKIAIOSFODNN7EXAMPLE')).toBeNull();
    expect(credentialInValue('{"type": "service_account", "private_key": "k"}')?.provider).toBe('gcp');
    expect(credentialInValue('{"type": "service_account"}')).toBeNull();
    expect(credentialInValue('[prod]\naws_secret_access_key = x')?.what).toBe('an AWS credentials file');
    expect(credentialInValue('export AZURE_CLIENT_SECRET=abc')?.provider).toBe('azure');
    expect(credentialInValue('AZURE_CLIENT_SECRET=')).toBeNull();
  });
});
