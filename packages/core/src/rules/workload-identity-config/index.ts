import { defineRule, NO_OPTIONS, NO_OPTIONS_SCHEMA, type NoOptions } from '../../rule.js';
import { podSpecsOf, serviceAccountOf } from '../../model/index.js';
import { annotationsOf } from '../../inventory/index.js';
import { isRecord } from '../../path.js';

type MessageIds = 'eksRoleArn' | 'gkeServiceAccount' | 'azureClientId' | 'azurePodLabel';

/** The annotations this rule checks and the shape each value must have. */
export const WORKLOAD_IDENTITY_ANNOTATIONS = {
  eks: 'eks.amazonaws.com/role-arn',
  gke: 'iam.gke.io/gcp-service-account',
  azure: 'azure.workload.identity/client-id',
} as const;

/** The pod label Azure's webhook requires before it injects the token. */
export const AZURE_USE_LABEL = 'azure.workload.identity/use';

/** `arn:<partition>:iam::<12-digit account>:role/<optional path/>name`, the name of 1 to 64 characters. */
const IAM_ROLE_ARN_SHAPE = /^arn:aws[-a-z]*:iam::\d{12}:role\/(?:[\x21-\x7e]+\/)?[\w+=,.@-]+$/;
/**
 * An IAM role ARN. The name's length (it holds no `/`: it is what follows the last one) is counted
 * apart rather than written `{1,64}`: the bounded repetition puts the pattern beyond recheck's
 * automaton, whose proof of linear time the ReDoS audit (test/redos.test.ts) then replaced with a
 * fuzzer run that a loaded machine can time out.
 */
export const IAM_ROLE_ARN = { test: (value: string): boolean => IAM_ROLE_ARN_SHAPE.test(value) && value.length - value.lastIndexOf('/') - 1 <= 64 };
/** `<name>@<project>.iam.gserviceaccount.com`, with GCP's length and character rules. */
export const GCP_SERVICE_ACCOUNT = /^[a-z][-a-z0-9]{4,28}[a-z0-9]@[a-z][-a-z0-9]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/;
/** A GUID, as Azure client ids are. */
export const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export default defineRule<NoOptions, MessageIds>({
  meta: {
    id: 'workload-identity-config',
    description: 'Require workload identity annotations and labels that can work',
    category: 'workload-identity',
    severity: 'error',
    recommended: true,
    fixable: false,
    securitySeverity: 4.0,
    messages: {
      eksRoleArn:
        '{{resource}} has {{annotation}} "{{value}}", which is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>), so EKS cannot give the pod a role and people fall back to static keys; set the role\'s ARN',
      gkeServiceAccount:
        '{{resource}} has {{annotation}} "{{value}}", which is not a Google service account email (<name>@<project>.iam.gserviceaccount.com), so GKE Workload Identity cannot work; set the service account\'s email',
      azureClientId:
        '{{resource}} has {{annotation}} "{{value}}", which is not a GUID, so Azure Workload Identity cannot work; set the client id of the managed identity or app registration',
      azurePodLabel:
        '{{resource}} runs as Azure workload-identity ServiceAccount {{serviceAccount}} but its pod template lacks the label azure.workload.identity/use: "true", so the webhook injects no token; add the label to the pod template',
    },
    remediation: 'Write workload identity annotations in the form the provider expects, and label Azure workload-identity pods with azure.workload.identity/use: "true".',
    schema: NO_OPTIONS_SCHEMA,
    defaultOptions: NO_OPTIONS,
  },
  check(ctx) {
    for (const resource of ctx.resources) {
      if (resource.kind === 'ServiceAccount' && resource.apiVersion === 'v1') {
        const ann = annotationsOf(resource.object);
        const checks: [string, { test(value: string): boolean }, MessageIds][] = [
          [WORKLOAD_IDENTITY_ANNOTATIONS.eks, IAM_ROLE_ARN, 'eksRoleArn'],
          [WORKLOAD_IDENTITY_ANNOTATIONS.gke, GCP_SERVICE_ACCOUNT, 'gkeServiceAccount'],
          [WORKLOAD_IDENTITY_ANNOTATIONS.azure, GUID, 'azureClientId'],
        ];
        for (const [annotation, shape, messageId] of checks) {
          const value = ann[annotation];
          if (value !== undefined && !shape.test(value.trim())) {
            ctx.report({ messageId, resource, path: ['metadata', 'annotations', annotation], data: { annotation, value } });
          }
        }
        continue;
      }
      for (const pod of podSpecsOf(resource)) {
        const sa = serviceAccountOf(resource, pod);
        const account = ctx.inventory.serviceAccount(sa.namespace, sa.name);
        if (!account || annotationsOf(account.object)[WORKLOAD_IDENTITY_ANNOTATIONS.azure] === undefined) continue;
        const labels = pod.metadata['labels'];
        if (isRecord(labels) && labels[AZURE_USE_LABEL] === 'true') continue;
        const hasLabel = isRecord(labels) && Object.prototype.hasOwnProperty.call(labels, AZURE_USE_LABEL);
        const path = hasLabel ? [...pod.metadataPath, 'labels', AZURE_USE_LABEL] : isRecord(labels) ? [...pod.metadataPath, 'labels'] : pod.metadataPath;
        ctx.report({ messageId: 'azurePodLabel', resource, path, data: { serviceAccount: `${sa.namespace}/${sa.name}` } });
      }
    }
  },
});
