/**
 * Reading command lines out of manifests: container `command`/`args`, shell scripts in `sh -c`
 * arguments and ConfigMap values. Nothing here runs anything; it only splits text into words.
 */
import type { JsonPath } from '../types.js';
import { dict } from '../path.js';
import type { ContainerRef } from './pod-spec.js';

const GO_UNITS: Readonly<Record<string, number>> = dict({ ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 });

/**
 * Seconds of a Go duration (`600s`, `10m`, `1h30m`, `1.5h`, `0`), or null when the text is not one.
 * Same grammar as Go's `time.ParseDuration`.
 */
export function parseGoDuration(text: string): number | null {
  let s = text.trim();
  if (s === '0' || s === '+0' || s === '-0') return 0;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '') return null;
  const re = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  let total = 0;
  while (s.length > 0) {
    const m = re.exec(s);
    if (!m) return null;
    total += Number(m[1]) * GO_UNITS[m[2]!]!;
    s = s.slice(m[0].length);
  }
  return sign * total;
}

/** A duration in seconds as people write it back (`600s`, `1h`, `90m`). */
export function formatSeconds(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** The basename of a command token (`/usr/local/bin/kubectl` → `kubectl`). */
export function commandBasename(token: string): string {
  const i = Math.max(token.lastIndexOf('/'), token.lastIndexOf('\\'));
  return i === -1 ? token : token.slice(i + 1);
}

/** One element of a container's command line, with where it is written. */
export interface CommandLineWord {
  text: string;
  /** Path of the element, relative to the resource. */
  path: JsonPath;
}

/**
 * A container's command line as the runtime assembles it: `command` then `args`, each scalar element
 * as text with its path. Numbers and booleans are read as words too: the API server refuses them,
 * but their author meant them as words.
 */
export function commandLineOf(c: ContainerRef): CommandLineWord[] {
  const argv: CommandLineWord[] = [];
  for (const field of ['command', 'args'] as const) {
    const list = c.container[field];
    if (!Array.isArray(list)) continue;
    list.forEach((v, i) => {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') argv.push({ text: String(v), path: [...c.path, field, i] });
    });
  }
  return argv;
}

/** One word of a command line, with its offset in the text it came from. */
export interface Word {
  text: string;
  /** True when the word holds a parameter expansion or command substitution (`$X`, `$(…)`, backticks): its value is unknown. */
  dynamic: boolean;
}

const TERMINATORS = new Set([';', '|', '&', '\n', ')', '`', '(']);

/**
 * The words of the simple command that starts at `start` in a shell script: quotes and backslash
 * escapes are honoured, a backslash-newline continues the line, and the command ends at an
 * unquoted `;`, `|`, `&`, newline, `)`, backtick or comment.
 */
export function wordsFrom(script: string, start: number): Word[] {
  const words: Word[] = [];
  let i = start;
  let cur = '';
  let inWord = false;
  let dynamic = false;
  const flush = (): void => {
    if (inWord) words.push({ text: cur, dynamic });
    cur = '';
    inWord = false;
    dynamic = false;
  };
  while (i < script.length) {
    const ch = script[i]!;
    if (ch === '\\') {
      if (script[i + 1] === '\n') { i += 2; continue; }
      if (script[i + 1] === '\r' && script[i + 2] === '\n') { i += 3; continue; }
      cur += script[i + 1] ?? '';
      inWord = true;
      i += 2;
      continue;
    }
    if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      const stop = end === -1 ? script.length : end;
      cur += script.slice(i + 1, stop);
      inWord = true;
      i = stop + 1;
      continue;
    }
    if (ch === '"') {
      i++;
      inWord = true;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '\\' && i + 1 < script.length) { cur += script[i + 1]; i += 2; continue; }
        if (script[i] === '$' || script[i] === '`') dynamic = true;
        cur += script[i];
        i++;
      }
      i++;
      continue;
    }
    if (ch === '$') {
      dynamic = true;
      inWord = true;
      if (script[i + 1] === '(') {
        // Skip a balanced $( … ): its output is unknown text.
        let depth = 0;
        let j = i + 1;
        for (; j < script.length; j++) {
          if (script[j] === '(') depth++;
          else if (script[j] === ')' && --depth === 0) break;
        }
        cur += script.slice(i, j + 1);
        i = j + 1;
        continue;
      }
      cur += ch;
      i++;
      continue;
    }
    if (ch === '#' && !inWord) break;
    if (TERMINATORS.has(ch) || ch === '\r') {
      if (ch === '\r' && script[i + 1] !== '\n') { flush(); i++; continue; }
      break;
    }
    if (ch === ' ' || ch === '\t') { flush(); i++; continue; }
    cur += ch;
    inWord = true;
    i++;
  }
  flush();
  return words;
}

/**
 * Every invocation of `program` in a shell script (matched as a word, with or without a
 * directory: `kubectl`, `/usr/local/bin/kubectl`), as the words of its simple command after the
 * program name.
 */
const invocationPatterns = new Map<string, RegExp>();

export function invocationsIn(script: string, program: string): Word[][] {
  const out: Word[][] = [];
  // Built once per program, not once per script: this runs for every container argument and ConfigMap value.
  let re = invocationPatterns.get(program);
  if (!re) invocationPatterns.set(program, (re = new RegExp(`(^|[\\s;|&(\`"'/])${program.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s])`, 'g')));
  re.lastIndex = 0;
  for (let m = re.exec(script); m; m = re.exec(script)) {
    out.push(wordsFrom(script, m.index + m[0].length));
  }
  return out;
}
