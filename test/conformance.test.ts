import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { conformanceDir, runConformance, acceptedDivergences } from '../test-support/conformance.mjs';

type Row = { id: string; outcome: string; tool: string; check: string };
const dir = conformanceDir() as string | null;
if (!dir) console.warn('conformance comparison skipped: ../shared/conformance is not present in this checkout');

describe.skipIf(!dir)('conformance with peer linters (needs ../shared/conformance)', () => {
  const rows = dir ? (runConformance(dir) as Row[]) : [];
  it('disagrees exactly where conformance/accepted-divergences.json says, with a reason each', () => {
    const accepted = acceptedDivergences() as Map<string, string>;
    for (const reason of accepted.values()) expect(reason.length).toBeGreaterThan(40);
    expect(rows.filter((r) => r.outcome === 'disagree').map((r) => r.id).sort()).toEqual([...accepted.keys()].sort());
  });
  it('compares every peer check mapped to a built rule (none silently dropped)', () => {
    expect(rows.filter((r) => r.outcome === 'agree').length).toBeGreaterThan(60);
  });
});

