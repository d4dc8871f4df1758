import type { LintMessage } from '../types.js';
import { isSuppressionMessage } from '../suppress/report.js';

/**
 * The rule a message is shown under: its own id, `manifest-syntax` for a fatal parse problem
 * (ESLint's `ruleId: null`), `satlint/suppressions` for suppression bookkeeping.
 */
export function shownRuleId(m: LintMessage): string {
  if (m.ruleId !== null) return m.ruleId;
  return isSuppressionMessage(m) ? 'satlint/suppressions' : 'manifest-syntax';
}

// ANSI/ECMA-48 sequences: CSI (ESC [ … final), OSC/DCS/SOS/PM/APC strings (ended by BEL or ST),
// and two-character escapes; then C0 controls, DEL, C1 controls, and the bidirectional overrides
// and isolates that make text display in another order than it is read ("Trojan Source").
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|$)|\u009b[0-?]*[ -/]*[@-~]|[\u0090\u009d-\u009f][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\u001b[\s\S]?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a manifest (object names, keys, values in messages, file paths) made safe for a
 * terminal or a report: escape sequences and control characters are removed, and line breaks and
 * tabs become spaces, so manifest data can never move the cursor, change colours, open a link or
 * start a new line of output. Every text format (stylish, github, markdown, html, junit) uses it.
 */
export function sanitize(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text)) return text;
  return text.replace(ESCAPES, '').replace(/[\t\n]/g, ' ').replace(CONTROLS, '');
}

/** A message as a short first line and detail lines. */
export interface SplitMessage {
  head: string;
  details: string[];
}

/**
 * Splits a long message for reading: the clauses of a satlint message are separated by `; `, and a
 * list it introduces follows `: ` (token-blast-radius: `… may escalate through RBAC: permission;
 * permission; …`). A message of at most `width` characters stays one line.
 */
export function splitMessage(message: string, width = 100): SplitMessage {
  if (message.length <= width) return { head: message, details: [] };
  const clauses = message.split('; ');
  let head = clauses[0]!;
  const details = clauses.slice(1);
  // A colon after a field name (`sets automountServiceAccountToken: true`) is part of the text;
  // one after an ordinary word introduces what follows.
  const colon = wordsBeforeColons(head).find((m) => !/[a-z][A-Z]|^[`"']|[=/]/.test(m[1]!) && m.index + m[1]!.length >= 20)?.index;
  if (colon !== undefined && head.length > width) {
    const at = head.indexOf(': ', colon);
    details.unshift(head.slice(at + 2));
    head = head.slice(0, at + 1);
  }
  return { head, details };
}

/** `n word`, with an `s` unless n is 1. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * What `[...text.matchAll(/(\S+): /g)]` finds, without the pattern (quadratic on a run of colons):
 * each run of non-space characters that ends in `:` followed by a space, as `{ index, 1: run }` with
 * the colon left out of the run.
 */
function wordsBeforeColons(text: string): { index: number; 1: string }[] {
  const out: { index: number; 1: string }[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    const start = i;
    while (i < text.length && !/\s/.test(text[i]!)) i++;
    if (i - start >= 2 && text[i - 1] === ':' && text[i] === ' ') out.push({ index: start, 1: text.slice(start, i - 1) });
  }
  return out;
}
