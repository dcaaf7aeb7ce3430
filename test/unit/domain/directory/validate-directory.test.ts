import { validateDirectory, formatDirectoryIssue } from '../../../../src/domain/directory/validate-directory';
import type { DirectoryIssue } from '../../../../src/domain/directory/validate-directory';
import type { DirectoryData } from '../../../../src/domain/directory/directory.types';
import { demoRaw } from './demo-raw';

const valid = (raw: unknown): { data: DirectoryData; warnings: DirectoryIssue[] } => {
  const r = validateDirectory(raw);
  if (!r.ok) throw new Error(`unexpected errors:\n${r.error.issues.map(formatDirectoryIssue).join('\n')}`);
  return r.value;
};
const errorsOf = (raw: unknown): DirectoryIssue[] => {
  const r = validateDirectory(raw);
  if (r.ok) throw new Error('expected errors, the file validated');
  return r.error.issues;
};

describe('validateDirectory: the demo file', () => {
  const { data, warnings } = valid(demoRaw());

  it('validates with no warning and the expected counts', () => {
    expect(warnings).toEqual([]);
    const counts = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Array.isArray(v) ? v.length : v]));
    expect(counts).toEqual({
      timezone: 'Asia/Shanghai',
      calendars: 2,
      organizations: 14,
      people: 21,
      teams: 8,
      serviceFamilies: 1,
      services: 9, // and the drill (README "Try it in 3 minutes")
      slas: 3,
      contracts: 17,
      deliveryModels: 2,
    });
  });

  it('converts working hours to minutes and applies the calendar defaults', () => {
    const [workdays, always] = data.calendars;
    expect(workdays.hours).toEqual({
      mon: [[540, 720], [810, 1080]],
      tue: [[540, 720], [810, 1080]],
      wed: [[540, 720], [810, 1080]],
      thu: [[540, 720], [810, 1080]],
      fri: [[540, 720], [810, 1080]],
      sat: [],
      sun: [],
    });
    expect(workdays).toMatchObject({ cnHolidays: true, holidays: [], timezone: null, status: 'active' });
    expect(always).toEqual({ code: '24x7', name: '7×24', hours: null, cnHolidays: false, holidays: [], timezone: null, status: 'active' });
  });

  it('fills the defaults of people, organisations, teams, services and SLAs', () => {
    expect(data.people[0]).toEqual({
      id: 'kehua',
      name: '客户A',
      org: 'customers',
      dingtalkUserId: '1000000037',
      mobile: null,
      email: null,
      status: 'active',
      profiles: ['portal_user'],
      timezone: null,
      locale: null,
    });
    expect(data.organizations[0]).toEqual({ code: 'guest', name: 'guest集团', parent: null, lead: 'jtzj', deliveryModel: null, status: 'active' });
    expect(data.organizations[1].deliveryModel).toBe('dm-group');
    expect(data.teams[1]).toMatchObject({ parent: null, status: 'active', members: [{ person: 'zbit', role: 'lead' }, { person: 'zbit', role: 'contact' }] });
    const rd = data.services.find((s) => s.code === 'BJ-MALL-RD')!;
    expect(rd).toMatchObject({ status: 'production', subcategories: [{ code: 'bugfix', name: '集中解决bug', requestType: 'incident', keywords: [], status: 'production' }] });
    expect(data.services[0].subcategories[1].keywords).toEqual(['客诉', '投诉', '安抚', '400', 'complaint', 'complain', 'hotline']); // English keywords too
    expect(data.slas[0].targets[7]).toEqual({ metric: 'ttr', priority: 4, requestType: '*', value: 1350, unit: 'minutes' });
    expect(data.serviceFamilies[0].status).toBe('active');
    expect(data.deliveryModels[1]).toEqual({ code: 'dm-gz', name: '广州分公司交付', teams: ['gz-sales-ops', 'gz-it', 'bj-product-mall', 'bj-ops'], status: 'active' });
    expect(data.contracts[15]).toEqual({
      code: 'GZ-BJ-IT-2025',
      customer: 'gz-sales',
      provider: 'bj-it',
      services: ['BJ-IT'],
      sla: 'sla-standard',
      status: 'production',
      start: '2024-01-01',
      end: '2025-12-31',
    });
  });
});

describe('validateDirectory: values', () => {
  it('takes Dates from a YAML parser with timestamps as their UTC date', () => {
    const raw = demoRaw();
    raw.contracts[0].start = new Date('2026-01-01T00:00:00Z');
    raw.calendars[0].holidays = ['cn', { date: new Date('2026-10-08T00:00:00Z'), name: '国庆', workday: false }];
    const { data } = valid(raw);
    expect(data.contracts[0].start).toBe('2026-01-01');
    expect(data.calendars[0]).toMatchObject({ cnHolidays: true, holidays: [{ date: '2026-10-08', name: '国庆', workday: false }] });
  });

  it('reads holidays as cn, as entries, or both, and 24:00 as an end', () => {
    const raw = demoRaw();
    raw.calendars[1].hours = { sat: ['13:00-24:00', '00:00-08:00'] };
    raw.calendars[1].holidays = [{ date: '2026-10-01', name: '国庆' }, { date: '2026-09-27', name: '调休', workday: true }];
    raw.calendars[1].timezone = 'Europe/Paris';
    const { data } = valid(raw);
    expect(data.calendars[1]).toEqual({
      code: '24x7',
      name: '7×24',
      hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [[0, 480], [780, 1440]], sun: [] },
      cnHolidays: false,
      holidays: [
        { date: '2026-10-01', name: '国庆', workday: false },
        { date: '2026-09-27', name: '调休', workday: true },
      ],
      timezone: 'Europe/Paris',
      status: 'active',
    });
  });

  it('defaults the time zone to Asia/Shanghai and the lists to empty', () => {
    expect(valid({ version: 1 }).data).toEqual({
      timezone: 'Asia/Shanghai',
      calendars: [],
      organizations: [],
      people: [],
      teams: [],
      serviceFamilies: [],
      services: [],
      slas: [],
      contracts: [],
      deliveryModels: [],
    });
  });

  it('accepts the inert iTop profiles with a warning', () => {
    const raw = demoRaw();
    raw.people[20].profiles = ['administrator', 'configuration_manager', 'document_author'];
    const { data, warnings } = valid(raw);
    expect(data.people[20].profiles).toEqual(['administrator', 'configuration_manager', 'document_author']);
    expect(warnings).toEqual([
      { path: 'people[20].profiles[1]', message: 'profile "configuration_manager" is accepted but grants nothing yet' },
      { path: 'people[20].profiles[2]', message: 'profile "document_author" is accepted but grants nothing yet' },
    ]);
  });

  it('refuses what is not a directory document', () => {
    expect(errorsOf(null)).toEqual([{ path: '', message: 'the file is empty' }]);
    expect(errorsOf(['a'])[0].message).toMatch(/^expected a map/);
    expect(errorsOf({})).toEqual([{ path: 'version', message: 'is required (version: 1)' }]);
  });
});

/** Each mutation of the demo file, alone, gives exactly these errors. */
const CASES: Array<[string, (d: any) => void, DirectoryIssue[]]> = [
  ['unknown top-level key', (d) => (d.extras = 1), [{ path: 'extras', message: 'unknown key "extras"' }]],
  ['version 2', (d) => (d.version = 2), [{ path: 'version', message: 'unsupported version number 2: this reader knows version 1' }]],
  ['bad time zone', (d) => (d.timezone = 'Asia/Shangai'), [{ path: 'timezone', message: 'unknown time zone "Asia/Shangai"' }]],
  ['unknown key in an entry', (d) => (d.people[3].dingtalk_userid = 'x'), [{ path: 'people[3].dingtalk_userid', message: 'unknown key "dingtalk_userid"' }]],
  ['number for a string', (d) => (d.people[2].mobile = 13800138000), [{ path: 'people[2].mobile', message: 'expected a string, got the number 13800138000: quote it ("13800138000") so that no digit is lost' }]],
  ['number keyword', (d) => (d.services[0].subcategories[1].keywords[3] = 400), [{ path: 'services[0].subcategories[1].keywords[3]', message: 'expected a string, got the number 400: quote it ("400") so that no digit is lost' }]],
  ['missing name', (d) => delete d.teams[2].name, [{ path: 'teams[2].name', message: 'is required' }]],
  ['unknown SLA', (d) => (d.contracts[3].sla = 'sla-gold'), [{ path: 'contracts[3].sla', message: 'unknown SLA "sla-gold"' }]],
  ['unknown org parent', (d) => (d.organizations[2].parent = 'bjj'), [{ path: 'organizations[2].parent', message: 'unknown organization "bjj"' }]],
  ['unknown org lead', (d) => (d.organizations[0].lead = 'nobody'), [{ path: 'organizations[0].lead', message: 'unknown person "nobody"' }]],
  ['unknown delivery model', (d) => (d.organizations[1].delivery_model = 'dm-x'), [{ path: 'organizations[1].delivery_model', message: 'unknown delivery model "dm-x"' }]],
  ['unknown person org', (d) => (d.people[4].org = 'gz-ops'), [{ path: 'people[4].org', message: 'unknown organization "gz-ops"' }]],
  ['unknown team org and parent', (d) => Object.assign(d.teams[7], { org: 'gz-itt', parent: 'gz' }), [
    { path: 'teams[7].org', message: 'unknown organization "gz-itt"' },
    { path: 'teams[7].parent', message: 'unknown team "gz"' },
  ]],
  ['unknown team member', (d) => d.teams[0].members.push({ person: 'ghost', role: 'member' }), [{ path: 'teams[0].members[3].person', message: 'unknown person "ghost"' }]],
  ['unknown service refs', (d) => Object.assign(d.services[1], { family: 'it', provider: 'bj-itt', team: 'it' }), [
    { path: 'services[1].family', message: 'unknown service family "it"' },
    { path: 'services[1].provider', message: 'unknown organization "bj-itt"' },
    { path: 'services[1].team', message: 'unknown team "it"' },
  ]],
  ['unknown calendar', (d) => (d.slas[1].calendar = '7x24'), [{ path: 'slas[1].calendar', message: 'unknown calendar "7x24"' }]],
  ['unknown contract refs', (d) => Object.assign(d.contracts[14], { customer: 'gz-saless', provider: 'bj-qaa', services: ['BJ-QAA'] }), [
    { path: 'contracts[14].customer', message: 'unknown organization "gz-saless"' },
    { path: 'contracts[14].provider', message: 'unknown organization "bj-qaa"' },
    { path: 'contracts[14].services[0]', message: 'unknown service "BJ-QAA"' },
  ]],
  ['unknown delivery model team', (d) => (d.delivery_models[1].teams[1] = 'gz-itt'), [{ path: 'delivery_models[1].teams[1]', message: 'unknown team "gz-itt"' }]],
  ['duplicate code', (d) => d.service_families.push({ code: 'guest', name: '重复' }), [{ path: 'service_families[1].code', message: 'duplicate code "guest" (also service_families[0])' }]],
  ['duplicate person id', (d) => d.people.push({ id: 'admin', name: '重复', org: 'guest' }), [{ path: 'people[21].id', message: 'duplicate id "admin" (also people[20])' }]],
  ['duplicate subcategory code', (d) => (d.services[1].subcategories[1].code = 'hardware'), [{ path: 'services[1].subcategories[1].code', message: 'duplicate subcategory code "hardware" (also subcategories[0])' }]],
  ['org parent cycle', (d) => d.organizations.push({ code: 'loop-a', name: 'A', parent: 'loop-b' }, { code: 'loop-b', name: 'B', parent: 'loop-a' }), [
    { path: 'organizations[14].parent', message: 'parent cycle: "loop-a" → "loop-b" → "loop-a"' },
  ]],
  ['team parent cycle', (d) => { d.teams[1].parent = 'bj-it'; }, [{ path: 'teams[1].parent', message: 'parent cycle: "bj-it" → "bj-it"' }]],
  ['malformed interval', (d) => (d.calendars[0].hours.sat = ['9:00-12:00']), [{ path: 'calendars[0].hours.sat[0]', message: 'malformed interval "9:00-12:00": expected HH:MM-HH:MM (00:00 to 24:00)' }]],
  ['backwards interval', (d) => (d.calendars[0].hours.sat = ['18:00-09:00']), [{ path: 'calendars[0].hours.sat[0]', message: 'interval "18:00-09:00" does not end after it starts' }]],
  ['24:00 as a start', (d) => (d.calendars[0].hours.sat = ['24:00-24:00']), [{ path: 'calendars[0].hours.sat[0]', message: 'malformed interval "24:00-24:00": expected HH:MM-HH:MM (00:00 to 24:00)' }]],
  ['overlapping intervals', (d) => (d.calendars[0].hours.mon = ['09:00-12:00', '11:30-13:00']), [{ path: 'calendars[0].hours.mon', message: 'intervals "09:00-12:00" and "11:30-13:00" overlap' }]],
  ['unknown weekday', (d) => (d.calendars[0].hours.mo = []), [{ path: 'calendars[0].hours.mo', message: 'unknown key "mo"' }]],
  ['hours with no time', (d) => (d.calendars[0].hours = { sat: [] }), [{ path: 'calendars[0].hours', message: 'no working time on any day: give some intervals, or leave hours out for 24×7' }]],
  ['bad holiday date', (d) => (d.calendars[0].holidays = ['cn', { date: '2026-02-30', name: 'x' }]), [{ path: 'calendars[0].holidays[1].date', message: 'invalid date "2026-02-30": expected YYYY-MM-DD' }]],
  ['bad holiday item', (d) => (d.calendars[0].holidays = ['cm']), [{ path: 'calendars[0].holidays[0]', message: 'expected cn or an entry {date, name, workday?}, got "cm"' }]],
  ['holiday without name', (d) => (d.calendars[0].holidays = [{ date: '2026-10-01' }]), [{ path: 'calendars[0].holidays[0].name', message: 'is required' }]],
  ['holiday twice', (d) => (d.calendars[0].holidays = ['cn', { date: '2026-10-01', name: 'a' }, { date: '2026-10-01', name: 'b' }]), [{ path: 'calendars[0].holidays[2].date', message: 'date "2026-10-01" is listed twice' }]],
  ['holidays not cn', (d) => (d.calendars[0].holidays = 'us'), [{ path: 'calendars[0].holidays', message: 'expected cn or a list of cn and {date, name, workday?} entries, got "us"' }]],
  ['calendar time zone', (d) => (d.calendars[0].timezone = 'Beijing'), [{ path: 'calendars[0].timezone', message: 'unknown time zone "Beijing"' }]],
  ['end before start', (d) => (d.contracts[15].end = '2023-12-31'), [{ path: 'contracts[15].end', message: 'end "2023-12-31" is before start "2024-01-01"' }]],
  ['number as date', (d) => (d.contracts[1].start = 20260101), [{ path: 'contracts[1].start', message: 'expected a date YYYY-MM-DD, got number 20260101' }]],
  ['unknown profile', (d) => (d.people[0].profiles = ['portal_user', 'superuser']), [{ path: 'people[0].profiles[1]', message: 'unknown profile "superuser"' }]],
  ['dingtalk id twice', (d) => (d.people[1].dingtalk_user_id = '1000000037'), [{ path: 'people[1].dingtalk_user_id', message: 'DingTalk user id "1000000037" is already used by person "kehua" (people[0])' }]],
  ['provider mismatch', (d) => d.contracts[0].services.push('BJ-IT'), [{ path: 'contracts[0].services[1]', message: 'service "BJ-IT" is provided by "bj-it", not by the contract\'s provider "bj-sales-ops"' }]],
  ['cross-tree member', (d) => d.teams[1].members.push({ person: 'kehua', role: 'member' }), [
    { path: 'teams[1].members[2].person', message: 'person "kehua" belongs to "customers" under "customers", another company tree than team "bj-it" (org "bj-it" under "guest")' },
  ]],
  ['bad status and locale', (d) => Object.assign(d.people[5], { status: 'gone', locale: 'fr' }), [
    { path: 'people[5].status', message: '"gone" is not one of: active, inactive' },
    { path: 'people[5].locale', message: '"fr" is not one of: zh-CN, en' },
  ]],
  ['bad SLA target', (d) => (d.slas[0].targets[0] = { metric: 'tta', priority: 5, request_type: 'x', value: 0, unit: 'weeks' }), [
    { path: 'slas[0].targets[0].metric', message: '"tta" is not one of: tto, ttr' },
    { path: 'slas[0].targets[0].priority', message: 'priority must be 1, 2, 3 or 4, got 5' },
    { path: 'slas[0].targets[0].request_type', message: '"x" is not one of: service_request, incident, problem, *' },
    { path: 'slas[0].targets[0].value', message: 'value must be a positive number, got 0' },
    { path: 'slas[0].targets[0].unit', message: '"weeks" is not one of: seconds, minutes, hours, days' },
  ]],
  ['fractional priority', (d) => (d.slas[1].targets[0].priority = 1.5), [{ path: 'slas[1].targets[0].priority', message: 'priority must be 1, 2, 3 or 4, got 1.5' }]],
  ['missing contract status', (d) => delete d.contracts[2].status, [{ path: 'contracts[2].status', message: 'is required (one of: production, implementation, obsolete)' }]],
  ['list that is not a list', (d) => (d.teams = { code: 'x' }), [{ path: 'teams', message: 'expected a list, got a map' }]],
];

describe('validateDirectory: each error alone', () => {
  it.each(CASES)('%s', (_name, mutate, expected) => {
    const raw = demoRaw();
    mutate(raw);
    expect(errorsOf(raw)).toEqual(expected);
  });

  it('keeps references to an entry that failed to parse quiet', () => {
    const raw = demoRaw();
    raw.people[5].locale = 'fr'; // gzit, lead of team gz-it
    raw.organizations[1].status = 'closed'; // bj, parent of many
    expect(errorsOf(raw).map((e) => e.path)).toEqual(['organizations[1].status', 'people[5].locale']);
  });
});

describe('validateDirectory: every error at once', () => {
  const COMBINED = [
    'unknown top-level key',
    'number for a string',
    'unknown key in an entry',
    'unknown SLA',
    'duplicate code',
    'org parent cycle',
    'team parent cycle',
    'overlapping intervals',
    'holiday twice',
    'end before start',
    'unknown profile',
    'dingtalk id twice',
    'provider mismatch',
    'cross-tree member',
    'bad SLA target',
  ];

  it('reports all the problems of a file, each with its path', () => {
    const raw = demoRaw();
    const expected: DirectoryIssue[] = [];
    for (const [name, mutate, issues] of CASES.filter(([name]) => COMBINED.includes(name))) {
      mutate(raw);
      expected.push(...issues.map((i) => ({ ...i, case: name })));
    }
    const key = (i: DirectoryIssue) => `${i.path}: ${i.message}`;
    expect(errorsOf(raw).map(key).sort()).toEqual(expected.map(key).sort());
    expect(expected.length).toBeGreaterThanOrEqual(19);
  });
});
