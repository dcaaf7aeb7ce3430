import fc from 'fast-check';
import { serializeDirectory } from '../../../../src/domain/directory/serialize-directory';
import { validateDirectory, formatDirectoryIssue } from '../../../../src/domain/directory/validate-directory';
import type { DirectoryData } from '../../../../src/domain/directory/directory.types';
import { demoRaw } from './demo-raw';
import { calendar, people } from './directory-arbitraries';

const parse = (raw: unknown): DirectoryData => {
  const r = validateDirectory(raw);
  if (!r.ok) throw new Error(r.error.issues.map(formatDirectoryIssue).join('\n'));
  return r.value.data;
};
const demo = (): DirectoryData => parse(demoRaw());
/** Through JSON, as a file would: no shared references, no undefined. */
const exportImport = (data: DirectoryData): DirectoryData => parse(JSON.parse(JSON.stringify(serializeDirectory(data))));

describe('serializeDirectory', () => {
  it('round-trips the demo exactly', () => {
    const data = demo();
    expect(exportImport(data)).toEqual(data);
  });

  it('writes the demo back as the demo file says it (modulo comments and layout)', () => {
    const raw = demoRaw();
    expect(JSON.parse(JSON.stringify(serializeDirectory(demo())))).toEqual(raw);
  });

  it('writes keys in the format order and leaves defaults out', () => {
    const data = demo();
    const file = serializeDirectory(data);
    expect(Object.keys(file)).toEqual([
      'version',
      'timezone',
      'calendars',
      'organizations',
      'people',
      'teams',
      'service_families',
      'services',
      'slas',
      'contracts',
      'delivery_models',
    ]);
    expect(file.organizations![2]).toEqual({ code: 'bj-product-mall', name: '北京分公司-产品-商城', parent: 'bj' });
    expect(file.calendars![1]).toEqual({ code: '24x7', name: '7×24' });
    expect(Object.keys(file.contracts![0])).toEqual(['code', 'customer', 'provider', 'services', 'sla', 'status', 'start', 'end']);
    expect(file.services![3].subcategories).toEqual([{ code: 'bugfix', name: '集中解决bug', request_type: 'incident' }]);
  });

  it('writes every non-default value, in the format order, and reads it back', () => {
    const data = demo();
    data.organizations[13] = { ...data.organizations[13], status: 'inactive', lead: 'kehua', deliveryModel: 'dm-gz' };
    data.people[0] = { ...data.people[0], mobile: '013800138000', email: 'a@example.com', status: 'inactive', profiles: [], timezone: 'Europe/Paris', locale: 'en' };
    data.people[1] = { ...data.people[1], dingtalkUserId: null };
    data.teams[1] = { ...data.teams[1], parent: 'bj-ops', status: 'inactive', members: [] };
    data.services[0] = { ...data.services[0], status: 'obsolete' };
    data.services[0].subcategories = [{ ...data.services[0].subcategories[0], status: 'obsolete', keywords: [] }];
    data.calendars[0] = { ...data.calendars[0], holidays: [{ date: '2026-10-01', name: '国庆', workday: false }, { date: '2026-09-27', name: '调休', workday: true }], timezone: 'Asia/Tokyo' };
    data.calendars[1] = { ...data.calendars[1], holidays: [{ date: '2026-10-01', name: '国庆', workday: false }], status: 'inactive' };
    data.serviceFamilies[0] = { ...data.serviceFamilies[0], status: 'inactive' };
    data.slas[1] = { ...data.slas[1], status: 'inactive', targets: [{ metric: 'ttr', priority: 4, requestType: 'incident', value: 7.5, unit: 'seconds' }] };
    data.deliveryModels[1] = { ...data.deliveryModels[1], status: 'inactive', teams: [] };
    data.contracts[0] = { ...data.contracts[0], status: 'implementation', services: [] };
    data.timezone = 'Europe/Paris';

    const file = serializeDirectory(data);
    expect(Object.keys(file.people![0])).toEqual(['id', 'name', 'org', 'dingtalk_user_id', 'mobile', 'email', 'status', 'profiles', 'timezone', 'locale']);
    expect(Object.keys(file.organizations![13])).toEqual(['code', 'name', 'lead', 'delivery_model', 'status']);
    expect(file.calendars![0].holidays).toEqual(['cn', { date: '2026-10-01', name: '国庆' }, { date: '2026-09-27', name: '调休', workday: true }]);
    expect(file.calendars![1]).toEqual({ code: '24x7', name: '7×24', holidays: [{ date: '2026-10-01', name: '国庆' }], status: 'inactive' });
    expect(exportImport(data)).toEqual(data);
  });

  it('round-trips any valid calendar and people (property)', () => {
    const base = demo();
    const orgs = base.organizations.map((o) => o.code);
    const demoIds = new Set(base.people.map((p) => p.id));
    fc.assert(
      fc.property(calendar('24x7'), people(orgs), (cal, extra) => {
        fc.pre(extra.every((p) => !demoIds.has(p.id)));
        const data: DirectoryData = { ...base, calendars: [base.calendars[0], cal], people: [...base.people, ...extra] };
        expect(exportImport(data)).toEqual(data);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 200) },
    );
  });
});
