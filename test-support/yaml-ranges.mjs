// Every node's range in a `yaml` syntax tree, in document order: how findings in the document
// will be placed. Shared by the parse tests that hold a lazily built or per-document tree to the
// full parse's (packages/core/src/parse/scan.test.ts, segments.test.ts).
import { isMap, isPair, isScalar, isSeq } from 'yaml';

/** @param {unknown} node @param {string[]} [out] @returns {string[]} */
export function treeRanges(node, out = []) {
  if (isPair(node)) {
    treeRanges(node.key, out);
    treeRanges(node.value, out);
  } else if (isMap(node) || isSeq(node)) {
    out.push(`${node.constructor.name}${JSON.stringify(node.range)}`);
    for (const item of node.items) treeRanges(item, out);
  } else if (isScalar(node)) out.push(`${JSON.stringify(node.value)}${JSON.stringify(node.range)}`);
  return out;
}
