import { RuleTester, yaml } from '../../testing/index.js';
import rule from './index.js';

new RuleTester().run('no-deprecated-service-account-field', rule, {
  valid: [
    { name: 'serviceAccountName only', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: a\n  containers: []\n' },
    { name: 'both with the same value, as the API server writes them back', code: yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        template:
          spec:
            serviceAccountName: builder
            serviceAccount: builder
            containers: []
    ` },
  ],
  invalid: [
    {
      name: 'deprecated field only: renamed',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          template:
            spec:
              serviceAccount: builder # ci identity
              containers: []
      `,
      errors: [{ messageId: 'deprecatedOnly', line: 7, column: 7, endLine: 7, endColumn: 30, path: 'spec.template.spec.serviceAccount' }],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          template:
            spec:
              serviceAccountName: builder # ci identity
              containers: []
      `,
    },
    {
      name: 'different values: reported, no fix',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          jobTemplate:
            spec:
              template:
                spec: {serviceAccountName: a, serviceAccount: b, containers: []}
      `,
      errors: [{ messageId: 'conflicting', line: 8, column: 39, endLine: 8, endColumn: 56 }],
      output: null,
    },
    {
      name: 'OpenShift DeploymentConfig carries a pod template too',
      code: yaml`
        apiVersion: apps.openshift.io/v1
        kind: DeploymentConfig
        metadata: {name: app}
        spec:
          template:
            spec:
              serviceAccount: app
              containers: []
      `,
      errors: [{ messageId: 'deprecatedOnly', line: 7, column: 7, endLine: 7, endColumn: 26 }],
      output: yaml`
        apiVersion: apps.openshift.io/v1
        kind: DeploymentConfig
        metadata: {name: app}
        spec:
          template:
            spec:
              serviceAccountName: app
              containers: []
      `,
    },
    {
      name: 'quoted key keeps its quotes when renamed (flow style)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {"serviceAccount": "x", "containers": []}\n',
      errors: [{ messageId: 'deprecatedOnly', line: 4, column: 8, endLine: 4, endColumn: 29 }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {"serviceAccountName": "x", "containers": []}\n',
    },
  ],
});
