import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

const azureAccount = yaml`
  apiVersion: v1
  kind: ServiceAccount
  metadata:
    name: blob-writer
    namespace: media
    annotations: {azure.workload.identity/client-id: 0f3c1e2a-5b6d-4c7e-8f90-a1b2c3d4e5f6}
  automountServiceAccountToken: false
`;

new RuleTester().run('workload-identity-config', rule, {
  valid: [
    { name: 'well-formed annotations of all three providers', code: yaml`
      apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: s
        annotations:
          eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/s3-reader-role"
          iam.gke.io/gcp-service-account: gcs-writer@my-project.iam.gserviceaccount.com
          azure.workload.identity/client-id: 0F3C1E2A-5B6D-4C7E-8F90-A1B2C3D4E5F6
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: t
        annotations: {eks.amazonaws.com/role-arn: "arn:aws-us-gov:iam::123456789012:role/team/app/reader"}
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: u
        annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/a/b/${'r'.repeat(64)}"}
    ` },
    { name: 'Azure pod with the label', context: [azureAccount], code: yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d, namespace: media}
      spec:
        template:
          metadata:
            labels: {app: d, azure.workload.identity/use: "true"}
          spec:
            serviceAccountName: blob-writer
            containers: []
    ` },
    { name: 'a pod of another account needs no label', context: [azureAccount], code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: media}
      spec:
        serviceAccountName: other
        containers: []
    ` },
  ],
  invalid: [
    {
      name: 'malformed annotations',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: s
          annotations:
            eks.amazonaws.com/role-arn: s3-reader-role
            iam.gke.io/gcp-service-account: "gcs-writer@my-project.iam.gserviceaccount"
            azure.workload.identity/client-id: 'not-a-guid'
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: t
          annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::12345:user/bob"}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: u
          annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/path/${'r'.repeat(65)}"}
      `,
      errors: [
        { messageId: 'eksRoleArn', line: 6, column: 5, endLine: 6, endColumn: 47, path: 'metadata.annotations["eks.amazonaws.com/role-arn"]' },
        { messageId: 'gkeServiceAccount', line: 7, column: 5, endLine: 7, endColumn: 80 },
        { messageId: 'azureClientId', line: 8, column: 5, endLine: 8, endColumn: 52 },
        { messageId: 'eksRoleArn', line: 14, column: 17, endLine: 14, endColumn: 74 },
        { messageId: 'eksRoleArn', line: 20, column: 17, endLine: 20, endColumn: 148 },
      ],
      output: null,
    },
    {
      name: 'Azure pods without the label, with a boolean label, with no metadata (Deployment, Pod, Job)',
      context: [azureAccount],
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d, namespace: media}
        spec:
          template:
            metadata:
              labels: {app: d}
            spec:
              serviceAccountName: blob-writer
              containers: []
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          namespace: media
          labels:
            azure.workload.identity/use: true
        spec:
          serviceAccountName: blob-writer
          containers: []
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j, namespace: media}
        spec:
          template:
            spec:
              serviceAccountName: blob-writer
              containers: []
      `,
      errors: [
        { messageId: 'azurePodLabel', line: 7, column: 7, endLine: 7, endColumn: 13 },
        // kubectl refuses a label that is not a string (ObjectMeta.labels is map[string]string): the pod is reported as refused, at the label, and not linted
        { messageId: 'decode', line: 18, column: 5, endLine: 18, endColumn: 38 },
        { messageId: 'azurePodLabel', line: 27, column: 3, endLine: 27, endColumn: 11 },
      ],
      output: null,
    },
  ],
});
