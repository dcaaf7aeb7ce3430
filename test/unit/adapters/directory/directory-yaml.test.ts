import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  directoryToYaml,
  loadDirectoryFile,
  loadDirectoryText,
  parseDirectoryText,
  readDirectoryFile,
  writeDirectoryFile,
} from '../../../../src/adapters/directory/directory-yaml';
import { serializeDirectory } from '../../../../src/domain/directory/serialize-directory';
import type { DirectoryData } from '../../../../src/domain/directory/directory.types';
import type { DirectoryValidation } from '../../../../src/domain/directory/validate-directory';
import { validateDirectory } from '../../../../src/domain/directory/validate-directory';
import { parse } from 'yaml';
import { calendar, people } from '../../domain/directory/directory-arbitraries';

const DEMO = join(__dirname, '../../../../config/demo-directory.yaml');
const dataOf = (r: DirectoryValidation): DirectoryData => {
  if (!r.ok) throw new Error(JSON.stringify(r.error.issues, null, 2));
  return r.value.data;
};

describe('directory YAML adapter', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'directory-yaml-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the demo file with no issue', async () => {
    const r = await loadDirectoryFile(DEMO);
    expect(r.ok && r.value.warnings).toEqual([]);
    expect(dataOf(r).people).toHaveLength(21);
  });

  it('exports and imports the demo to the same data, through a YAML file', async () => {
    const data = dataOf(await loadDirectoryFile(DEMO));
    const out = join(dir, 'export.yaml');
    await writeDirectoryFile(out, data);
    expect(dataOf(await loadDirectoryFile(out))).toEqual(data);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('dingtalk_user_id: "1000000037"');
    expect(text).toContain('\n    hours:\n      mon: [ 09:00-12:00, 13:30-18:00 ]\n');
  });

  it('reads JSON as well', () => {
    const data = dataOf(loadDirectoryText(readFileSync(DEMO, 'utf8')));
    const json = JSON.stringify(serializeDirectory(data), null, '\t');
    expect(dataOf(loadDirectoryText(json))).toEqual(data);
  });

  it('reports a YAML syntax error with its line, without throwing', () => {
    const text = ['version: 1', 'organizations:', '  - { code: a, name: A', '  - { code: b, name: B }', 'people: []'].join('\n');
    const r = parseDirectoryText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.length).toBeGreaterThan(0);
    expect(r.error[0].line).toBeGreaterThanOrEqual(3);
    expect(r.error[0].message).toMatch(/^YAML syntax error at line \d+, column \d+: /);
  });

  it('reports a key written twice with its line', () => {
    const r = loadDirectoryText('version: 1\npeople: []\npeople: []\n');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.issues).toEqual([expect.objectContaining({ path: '', line: 3, message: expect.stringMatching(/line 3, column 1: Map keys must be unique/) })]);
  });

  it('gives validation issues the line of the offending value, in file order', () => {
    const text = [
      'version: 1',
      'organizations:',
      '  - { code: acme, name: Acme }',
      'people:',
      '  - id: p1',
      '    name: P1',
      '    org: acme',
      '    dingtalk_user_id: 0100000045',
      '  - { id: p2, name: P2, org: acme, profiles: [portal_user, superuser] }',
      'contracts:',
      '  - { code: c1, customer: acme, provider: acme, services: [], sla: gold, status: production, start: 2026-01-01, end: 2025-01-01 }',
    ].join('\n');
    const r = loadDirectoryText(text);
    expect(!r.ok && r.error.issues).toEqual([
      { path: 'people[0].dingtalk_user_id', line: 8, message: 'expected a string, got the number 100000045: quote it ("100000045") so that no digit is lost' },
      { path: 'people[1].profiles[1]', line: 9, message: 'unknown profile "superuser"' },
      { path: 'contracts[0].sla', line: 11, message: 'unknown SLA "gold"' },
      { path: 'contracts[0].end', line: 11, message: 'end "2025-01-01" is before start "2026-01-01"' },
    ]);
  });

  it('points an unknown key at its own line', () => {
    const r = loadDirectoryText('version: 1\n\nfoo:\n  bar: 1\n');
    expect(!r.ok && r.error.issues).toEqual([{ path: 'foo', line: 3, message: 'unknown key "foo"' }]);
  });

  it('reports an empty file, a missing file and a multi-document file as issues', async () => {
    expect(loadDirectoryText('')).toEqual({ ok: false, error: { issues: [{ path: '', message: 'the file is empty' }], warnings: [] } });
    const missing = await readDirectoryFile(join(dir, 'nope.yaml'));
    expect(!missing.ok && missing.error[0].message).toMatch(/cannot read .*nope\.yaml: ENOENT/);
    expect(parseDirectoryText('version: 1\n---\nversion: 1\n').ok).toBe(false);
  });

  it('keeps strings that look like other types as strings through YAML (property)', () => {
    const base = dataOf(loadDirectoryText(readFileSync(DEMO, 'utf8')));
    const demoIds = new Set(base.people.map((p) => p.id));
    fc.assert(
      fc.property(calendar('24x7'), people(base.organizations.map((o) => o.code)), (cal, extra) => {
        fc.pre(extra.every((p) => !demoIds.has(p.id)));
        const data: DirectoryData = { ...base, calendars: [base.calendars[0], cal], people: [...base.people, ...extra] };
        expect(dataOf(loadDirectoryText(directoryToYaml(data)))).toEqual(data);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  });

  it('gives the same data when a YAML 1.1 reader hands over dates as Date objects', () => {
    const text = readFileSync(DEMO, 'utf8');
    const raw = parse(text, { schema: 'yaml-1.1' });
    expect(raw.contracts[0].start).toBeInstanceOf(Date);
    expect(dataOf(validateDirectory(raw))).toEqual(dataOf(loadDirectoryText(text)));
  });
});
