/**
 * `a.localeCompare(b)` for sorting, without starting ICU where the answer is known: the first
 * collator of a process costs 6-10 ms, more than linting one file. In the root collation (which
 * English uses unchanged; V8 maps the C and POSIX locales to en-US) every character of
 * lower-case ASCII letters, digits, `-`, `.` and `/` has a primary weight of its own and they sort
 * `-` < `.` < `/` < digits < letters, which is their code unit order, and nothing contracts, so
 * comparing code units gives the same sign. Any other character, or a process whose locale may
 * be another language or whose ICU data may not be the built-in one, asks ICU.
 */
export function localeOrder(a: string, b: string): number {
  if ((plainLocale ??= englishLocale()) && PLAIN.test(a) && PLAIN.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}

const PLAIN = /^[a-z0-9./-]*$/;
const ENGLISH = /^(?:C|POSIX|en(?:_[A-Z]{2})?)(?:\.[\w-]+)?$/;
let plainLocale: boolean | undefined;

/** What core reads of Node's process, where there is one (core has no Node types). */
interface NodeProcess {
  platform: string;
  env: Record<string, string | undefined>;
  execArgv: string[];
}

/** Whether ICU's default locale is surely English (or C/POSIX) with the built-in data. */
function englishLocale(): boolean {
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (proc?.platform !== 'linux') return false;
  const env = proc.env;
  if (env['NODE_ICU_DATA'] || (env['NODE_OPTIONS'] ?? '').includes('icu') || proc.execArgv.some((a) => a.includes('icu'))) return false;
  for (const name of ['LC_ALL', 'LC_COLLATE', 'LC_CTYPE', 'LC_MESSAGES', 'LANG', 'LANGUAGE']) {
    const v = env[name];
    // LANGUAGE may list several, as en_US:en.
    if (v !== undefined && v !== '' && !v.split(':').every((l) => ENGLISH.test(l))) return false;
  }
  return true;
}
