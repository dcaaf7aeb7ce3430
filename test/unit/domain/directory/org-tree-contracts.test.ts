/**
 * Contracts for org trees and DingTalk departments in the directory file: the `{org, include_descendants}` customer
 * form, `dingtalk_dept_id` (unique), who a tree contract covers, and the contracts report's reasons.
 */
import { Directory } from '../../../../src/domain/directory/directory';
import { contractsReport } from '../../../../src/domain/directory/contracts-report';
import { serializeDirectory } from '../../../../src/domain/directory/serialize-directory';
import { formatDirectoryIssue, validateDirectory } from '../../../../src/domain/directory/validate-directory';
import { demoRaw } from './demo-raw';

const NOW = new Date('2026-12-02T02:00:00.000Z');

function load(mutate: (raw: any) => void) {
  const raw = demoRaw();
  mutate(raw);
  const r = validateDirectory(raw);
  return r.ok ? { ok: true as const, dir: new Directory(r.value.data) } : { ok: false as const, errors: r.error.issues.map(formatDirectoryIssue) };
}

describe('contracts for org trees', () => {
  it('a tree contract covers the org and its descendants (own contracts first, then the nearest ancestor tree contracts)', () => {
    const r = load((raw) => {
      raw.organizations.push({ code: 'gz-huadu', name: '花都', parent: 'gz-sales' });
      raw.contracts.push({ code: 'GZ-TREE', customer: { org: 'gz', include_descendants: true }, provider: 'gz-it', services: ['GZ-IT'], sla: 'sla-standard', status: 'production', start: '2026-01-01', end: '2028-12-31' });
      raw.contracts.push({ code: 'GUEST-PLAIN', customer: { org: 'guest' }, provider: 'gz-it', services: ['GZ-IT'], sla: 'sla-standard', status: 'production', start: '2026-01-01', end: '2028-12-31' });
    });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.dir.contractsOf('gz-huadu').map((c) => c.code)).toEqual(['GZ-TREE']);
    expect(r.dir.contractsOf('gz-sales').map((c) => c.code).slice(-1)).toEqual(['GZ-TREE']);
    expect(r.dir.contractsOf('gz').map((c) => c.code)).toEqual(['GZ-TREE']);
    expect(r.dir.contractsOf('bj-sales').map((c) => c.code)).not.toContain('GUEST-PLAIN'); // without include_descendants: the org only
    expect(r.dir.contractsOf('guest').map((c) => c.code)).toEqual(['GUEST-PLAIN']);
    // written back in the form it was read
    const file = serializeDirectory(r.dir.data);
    expect(file.contracts!.find((c) => c.code === 'GZ-TREE')!.customer).toEqual({ org: 'gz', include_descendants: true });
    expect(file.contracts!.find((c) => c.code === 'GUEST-PLAIN')!.customer).toBe('guest');
  });

  it('dingtalk_dept_id: a string, one organisation per department', () => {
    const good = load((raw) => {
      raw.organizations[1].dingtalk_dept_id = '100';
    });
    if (!good.ok) throw new Error(good.errors.join('\n'));
    expect(good.dir.orgsOfDingtalkDept('100').map((o) => o.code)).toEqual(['bj']);
    expect(serializeDirectory(good.dir.data).organizations![1]).toMatchObject({ code: 'bj', dingtalk_dept_id: '100' });
    const bad = load((raw) => {
      raw.organizations[1].dingtalk_dept_id = '100';
      raw.organizations[2].dingtalk_dept_id = '100';
      raw.organizations[3].dingtalk_dept_id = 7;
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors).toContain('organizations[2].dingtalk_dept_id: DingTalk department "100" is already mapped to "bj"');
      expect(bad.errors.some((e) => e.startsWith('organizations[3].dingtalk_dept_id'))).toBe(true);
    }
  });

  it('the report names the reason: a renewal not yet started, an SLA inactive', () => {
    const r = load((raw) => {
      raw.contracts.push({ code: 'GZ-QA-2027', customer: 'gz-sales', provider: 'bj-qa', services: ['BJ-QA'], sla: 'sla-standard', status: 'production', start: '2027-01-01', end: '2027-12-31' });
    });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const gz = contractsReport(r.dir, NOW).orgs.find((o) => o.org === 'gz-sales')!;
    expect(gz.cannot).toContainEqual({ service: 'BJ-QA', name: 'BJ-质量', reason: 'contract starts 2027-01-01' });
    expect(gz.can.map((s) => s.service)).toContain('GZ-SALES-OPS');
  });
});
