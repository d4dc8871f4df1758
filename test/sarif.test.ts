import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { format, lint, rules } from '@satlint/core';

const root = resolve(import.meta.dirname, '..');
const schema = JSON.parse(readFileSync(join(root, 'test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;

/** The schema is draft-04: ajv 8 reads it once `id` becomes `$id` and `$schema` is dropped. */
function validator() {
  const { $schema: _s, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, unicodeRegExp: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
  ajv.addFormat('uri-reference', /^\S*$/);
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  return ajv.compile({ ...rest, $id: id as string });
}

function insecure(offsetLines = 0) {
  const dir = join(root, 'examples/insecure');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ path: join(dir, f), text: `${'# pad\n'.repeat(offsetLines)}${readFileSync(join(dir, f), 'utf8')}` }));
}

type Sarif = { runs: { tool: { driver: { rules: { id: string; properties: Record<string, unknown> }[] } }; results: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[]; partialFingerprints: Record<string, string> }[] }[] };

describe('SARIF output', () => {
  const validate = validator();
  const log = JSON.parse(format(lint(insecure()), 'sarif', { cwd: root, version: '0.1.0' })) as Sarif;

  it('validates against the SARIF 2.1.0 schema (which does reject a broken log)', () => {
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
  });
  it('describes every registry rule with security-severity, and points each result at its rule', () => {
    const driverRules = log.runs[0]!.tool.driver.rules;
    for (const r of rules) {
      const d = driverRules.find((x) => x.id === r.meta.id)!;
      expect(Number(d.properties['security-severity'])).toBe(r.meta.securitySeverity);
    }
    for (const res of log.runs[0]!.results) expect(driverRules[res.ruleIndex]!.id).toBe(res.ruleId);
  });
  it('describes the parse and suppression rules like the others: help text and markdown, helpUri, security-severity, precision', () => {
    const driverRules = log.runs[0]!.tool.driver.rules as unknown as Record<string, unknown>[];
    expect(driverRules.map((d) => d['id'])).toEqual([...rules.map((r) => r.meta.id), 'satlint/suppressions']);
    expect(driverRules.map((d) => d['id'])).toContain('manifest-syntax');
    for (const d of driverRules) {
      const help = d['help'] as { text: string; markdown: string };
      const props = d['properties'] as Record<string, unknown>;
      expect(help.text.length, String(d['id'])).toBeGreaterThan(10);
      expect(help.markdown.length, String(d['id'])).toBeGreaterThan(10);
      expect(d['helpUri']).toMatch(/^https:\/\/github\.com\/satlint\/satlint\/blob\/main\//);
      expect(props['security-severity']).toMatch(/^\d+\.\d$/);
      expect(['very-high', 'high', 'medium', 'low']).toContain(props['precision']);
    }
  });
  it('never writes a zero-width region', () => {
    const results = [{ filePath: join(root, 'chart/templates/d.yaml'), messages: [{ ruleId: 'no-automount-token', severity: 2 as const, message: 'm', line: 4, column: 3, endLine: 4, endColumn: 3 }, { ruleId: null, severity: 2 as const, fatal: true as const, message: 'x', line: 2, column: 1 }], suppressedMessages: [], errorCount: 2, warningCount: 0, fatalErrorCount: 1, fixableErrorCount: 0, fixableWarningCount: 0 }];
    const out = JSON.parse(format(results, 'sarif', { cwd: root })) as Sarif;
    expect(out.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.region)).toEqual([
      { startLine: 4, startColumn: 3, endLine: 4, endColumn: 4 },
      { startLine: 2, startColumn: 1, endLine: 2, endColumn: 2 },
    ]);
    expect(out.runs[0]!.results[1]!.ruleId).toBe('manifest-syntax');
  });
  it('gives every result a repository-relative location with a region and a fingerprint', () => {
    const results = log.runs[0]!.results;
    expect(results.length).toBeGreaterThan(20);
    for (const res of results) {
      const loc = res.locations[0]!.physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('ROOT');
      expect(loc.artifactLocation.uri).toMatch(/^examples\/insecure\/[a-z-]+\.yaml$/);
      expect(loc.region.startLine).toBeGreaterThan(0);
      expect(loc.region.startColumn).toBeGreaterThan(0);
      expect(res.partialFingerprints['satlint/v2']).toMatch(/^[0-9a-f]{16}:\d+$/);
    }
  });
  it('keeps every fingerprint when each manifest moves down ten lines', () => {
    const moved = JSON.parse(format(lint(insecure(10)), 'sarif', { cwd: root })) as Sarif;
    const a = log.runs[0]!.results;
    const b = moved.runs[0]!.results;
    expect(b.map((r) => r.locations[0]!.physicalLocation.region.startLine)).toEqual(a.map((r) => r.locations[0]!.physicalLocation.region.startLine + 10));
    expect(b.map((r) => r.partialFingerprints['satlint/v2'])).toEqual(a.map((r) => r.partialFingerprints['satlint/v2']));
  });
  it('is valid with zero results, and with a parse error', () => {
    const empty = JSON.parse(format([], 'sarif', { cwd: root }));
    expect(validate(empty)).toBe(true);
    expect(empty.runs[0].results).toEqual([]);
    const broken = JSON.parse(format(lint([{ path: join(root, 'x.yaml'), text: 'a: [1,\n' }]), 'sarif', { cwd: root }));
    expect(validate(broken)).toBe(true);
    expect(broken.runs[0].results[0].ruleId).toBe('manifest-syntax');
  });
});

describe('JUnit output', () => {
  it('has a test case per file and rule, failures for findings, and escapes XML', () => {
    const results = lint([
      { path: join(root, 'a.yaml'), text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: "<p&q>"}\nspec: {containers: []}\n' },
      { path: join(root, 'b.yaml'), text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' },
    ]);
    const xml = format(results, 'junit', { cwd: root });
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="satlint" tests="3" failures="2"/);
    expect(xml).toContain('<testcase classname="a.yaml" name="no-automount-token" time="0">');
    expect(xml).toContain('<testcase classname="a.yaml" name="no-default-service-account" time="0">');
    expect(xml).toContain('<testcase classname="b.yaml" name="satlint" time="0"/>');
    expect(xml).toContain('Pod default/&lt;p&amp;q&gt;');
    expect(xml).not.toContain('<p&q>');
  });
});

describe('github output', () => {
  it('escapes %, CR, LF in data and also : and , in properties', () => {
    const results = [{ filePath: join(root, 'a,b:c.yaml'), messages: [{ ruleId: 'x', severity: 2 as const, message: '100% bad\r\nreally', line: 1, column: 2, endLine: 1, endColumn: 3 }], suppressedMessages: [], errorCount: 1, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 }];
    expect(format(results, 'github', { cwd: root })).toBe('::error file=a%2Cb%3Ac.yaml,line=1,col=2,endLine=1,endColumn=3,title=satlint(x)::100%25 bad really\n');
  });
});
