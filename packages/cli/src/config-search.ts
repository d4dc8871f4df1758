import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Where config discovery looked, and why it stopped. */
export interface ConfigSearch {
  /** The config file found, if any. */
  path?: string;
  /** Directories searched, nearest first. */
  searched: string[];
  /** Why the search stopped where it did. */
  stop: 'found' | 'repository root' | 'home directory' | 'no repository root or home directory above';
}

export const CONFIG_NAMES = ['satlint.config.yaml', 'satlint.config.yml', '.satlintrc.yaml', '.satlintrc.yml'];

/**
 * Finds satlint's config file from `start` upward, staying inside the project: the search stops at
 * the repository root (the first directory with a `.git`) or at the home directory, whichever comes
 * first, both included. When neither is above `start` (a checkout-less directory under /tmp, say),
 * only `start` itself is searched: a config in a shared ancestor directory is never picked up.
 */
export function searchConfig(start: string, home: string | undefined): ConfigSearch {
  const first = resolve(start);
  const homeDir = home ? resolve(home) : undefined;
  const chain: string[] = [];
  let stop: ConfigSearch['stop'] = 'no repository root or home directory above';
  for (let dir = first; ; ) {
    chain.push(dir);
    if (existsSync(join(dir, '.git'))) {
      stop = 'repository root';
      break;
    }
    if (homeDir !== undefined && dir === homeDir) {
      stop = 'home directory';
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const dirs = stop === 'no repository root or home directory above' ? [first] : chain;
  const searched: string[] = [];
  for (const dir of dirs) {
    searched.push(dir);
    for (const n of CONFIG_NAMES) {
      const p = join(dir, n);
      if (existsSync(p)) return { path: p, searched, stop: 'found' };
    }
  }
  return { searched, stop };
}
