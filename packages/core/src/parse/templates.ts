import { isMap, isPair, isSeq, type Node } from 'yaml';

// Unrendered templates: `{{ … }}` in a document that does not parse, or outside scalars in one
// that does. Inside a quoted string it is data (Argo Workflows templating).

/**
 * The first `{{ … }}` (no `}` inside) in `text`, as [start, end), or null. A failed `{{` rules out
 * every `{{` before the `}` it stopped at, so the scan is linear (a regex here was quadratic on
 * `{{{{{{…`).
 */
export function findTemplateExpression(text: string): [number, number] | null {
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open === -1) return null;
    const close = text.indexOf('}', open + 2);
    if (close === -1) return null;
    if (text.charCodeAt(close + 1) === 125 /* } */) return [open, close + 2];
    from = close + 1;
  }
}

/** Template syntax outside scalars: a flow mapping whose text starts with `{{`. */
export function findTemplateOutsideScalars(node: Node | null, source: string): [number, number] | null {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isMap(n)) {
      if (n.flow && n.range && source.startsWith('{{', n.range[0])) return [n.range[0], n.range[1]];
      for (const p of n.items) stack.push(p.key, p.value);
    } else if (isSeq(n)) {
      for (const it of n.items) stack.push(it);
    } else if (isPair(n)) {
      stack.push(n.key, n.value);
    }
  }
  return null;
}

/** The message of a document that is an unrendered Helm template. */
export function helmMessage(): string {
  return 'This looks like an unrendered Helm template ({{ … }}); render it first: helm template RELEASE CHART | satlint -';
}
