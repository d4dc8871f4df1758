import { writeFileSync, renameSync, statSync, realpathSync, accessSync, unlinkSync, constants } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { crypto } from './lazy-crypto.js';

/**
 * Replaces a file's contents atomically: writes a temporary file in the same directory with the
 * same mode, then renames it over the target. A symlink is written at its target. Returns an error
 * message instead of throwing, and leaves the file untouched on any failure.
 */
export function writeAtomic(path: string, text: string | Uint8Array, options: { create?: boolean } = {}): string | null {
  let target: string;
  let exists = true;
  try {
    target = realpathSync(path);
    accessSync(target, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && options.create) {
      target = path;
      exists = false;
    } else {
      return code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? `${path}: file is read-only; not written` : `${path}: cannot write (${code ?? (err as Error).message})`;
    }
  }
  const tmp = join(dirname(target), `.${basename(target)}.satlint-${process.pid}-${crypto().randomBytes(4).toString('hex')}.tmp`);
  try {
    const mode = exists ? statSync(target).mode & 0o7777 : 0o644;
    writeFileSync(tmp, text, { mode, flag: 'wx' });
    renameSync(tmp, target);
    return null;
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    return `${path}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
}
