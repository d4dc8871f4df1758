// satlint inside ESLint: `npx eslint .` in this directory (after `pnpm install && pnpm build` at the root).
import satlint from '@satlint/eslint-plugin';

export default [
  ...satlint.configs.recommended,
  {
    files: ['**/*.yaml', '**/*.yml'],
    languageOptions: {
      // Other manifests whose ServiceAccounts and RBAC objects cross-file rules should see.
      inventory: ['k8s/**/*.yaml'],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
];
