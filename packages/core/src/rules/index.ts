import type { AnyRule } from '../rule.js';
import apiserverTokenFlags from './apiserver-token-flags/index.js';
import controllerManagerTokenFlags from './controller-manager-token-flags/index.js';
import explicitPodAutomount from './explicit-pod-automount/index.js';
import manifestSyntax from './manifest-syntax/index.js';
import missingTokenForApiAccess from './missing-token-for-api-access/index.js';
import noAutomountToken from './no-automount-token/index.js';
import noDefaultSaBinding from './no-default-sa-binding/index.js';
import noConflictingDefinitions from './no-conflicting-definitions/index.js';
import noDefaultServiceAccount from './no-default-service-account/index.js';
import noDeprecatedServiceAccountField from './no-deprecated-service-account-field/index.js';
import noDuplicateKeys from './no-duplicate-keys/index.js';
import noLegacyTokenMount from './no-legacy-token-mount/index.js';
import noLegacyTokenSecret from './no-legacy-token-secret/index.js';
import noServiceAccountSecretRefs from './no-service-account-secret-refs/index.js';
import noStaticCloudCredentials from './no-static-cloud-credentials/index.js';
import noTokenMinting from './no-token-minting/index.js';
import noUnneededToken from './no-unneeded-token/index.js';
import projectedTokenAudience from './projected-token-audience/index.js';
import projectedTokenExpiration from './projected-token-expiration/index.js';
import projectedTokenMount from './projected-token-mount/index.js';
import serviceAccountAutomount from './service-account-automount/index.js';
import serviceAccountExists from './service-account-exists/index.js';
import tokenBlastRadius from './token-blast-radius/index.js';
import tokenRequestLifetime from './token-request-lifetime/index.js';
import validTokenFields from './valid-token-fields/index.js';
import workloadIdentityConfig from './workload-identity-config/index.js';

/** THE registry: every built-in rule, sorted by id. Adapters, docs and presets derive from it. */
export const rules: readonly AnyRule[] = Object.freeze([
  apiserverTokenFlags,
  controllerManagerTokenFlags,
  explicitPodAutomount,
  manifestSyntax,
  missingTokenForApiAccess,
  noAutomountToken,
  noConflictingDefinitions,
  noDefaultSaBinding,
  noDefaultServiceAccount,
  noDeprecatedServiceAccountField,
  noDuplicateKeys,
  noLegacyTokenMount,
  noLegacyTokenSecret,
  noServiceAccountSecretRefs,
  noStaticCloudCredentials,
  noTokenMinting,
  noUnneededToken,
  projectedTokenAudience,
  projectedTokenExpiration,
  projectedTokenMount,
  serviceAccountAutomount,
  serviceAccountExists,
  tokenBlastRadius,
  tokenRequestLifetime,
  validTokenFields,
  workloadIdentityConfig,
]);
