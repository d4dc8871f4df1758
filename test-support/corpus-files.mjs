// The shared corpus's file list (../shared/corpus/FILES.tsv: path, category, …), read in one place
// for the tests and the Kubernetes comparison.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The corpus paths (relative to `corpusDir`) of category `plain`: manifests as committed, not charts or kustomizations. */
export function plainCorpusFiles(corpusDir) {
  return readFileSync(join(corpusDir, 'FILES.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((r) => r[1] === 'plain')
    .map((r) => r[0]);
}
