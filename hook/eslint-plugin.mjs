// The ESLint plugin of the repository root's package (`npm install <git URL of satlint>`, then
// `import satlint from 'satlint/eslint-plugin'`): @satlint/eslint-plugin, taken from the one-file
// bundle beside it, so the git-URL package needs no build and no dependencies. Hand-written.
import { createRequire } from 'node:module';

const plugin = createRequire(import.meta.url)('./satlint-cli.cjs').eslintPlugin();
export default plugin;
