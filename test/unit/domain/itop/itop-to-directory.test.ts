/**
 * The iTop → directory mapping on hand-made instances with every kind of gap (docs/itop-import.md): each gap is
 * one line with its iTop class and key, the summary counts them by kind, every filled value is listed, and the
 * file still validates as a directory file.
 */
import { validateDirectory } from '../../../../src/domain/directory/validate-directory';
import type { ItopObject, ItopSnapshot } from '../../../../src/domain/itop/itop-object';
import { ITOP_DIRECTORY_CLASSES } from '../../../../src/domain/itop/itop-object';
import { ITOP_GAP_KINDS, type ItopMapping, type ItopMappingOptions } from '../../../../src/domain/itop/itop-mapping.types';
import { formatItopReport } from '../../../../src/domain/itop/itop-report';
import { mapItopToDirectory } from '../../../../src/domain/itop/itop-to-directory';

const OPTIONS: ItopMappingOptions = {
  rootOrg: null,
  dingtalkIdField: 'employee_number',
  personIdField: null,
  leadRoles: ['Team Leader'],
  contactRoles: ['Contact'],
  calendar: '24x7',
  contractStart: '2026-01-01',
  contractEnd: '2099-12-31',
  familyCode: 'itop-no-family',
  familyName: 'no family',
};

type Rows = Record<string, Record<string, unknown>>;
/** A snapshot from `{Class: {key: fields}}`; missing classes are empty (iTop's `"objects": null`). */
function instance(rows: Partial<Record<keyof typeof ITOP_DIRECTORY_CLASSES, Rows>>): ItopSnapshot {
  const snapshot = {} as Record<string, ItopObject[]>;
  for (const c of Object.keys(ITOP_DIRECTORY_CLASSES)) {
    snapshot[c] = Object.entries(rows[c as keyof typeof rows] ?? {}).map(([key, fields]) => ({ class: c, key, fields }));
  }
  return snapshot as unknown as ItopSnapshot;
}

const person = (org: string, name: string, employee = '', extra: Record<string, unknown> = {}) => ({
  name, first_name: '', status: 'active', org_id: org, email: '', mobile_phone: '', employee_number: employee, user_list: [], ...extra,
});
const slt = (sla: string, metric: string, unit: string, value = '1') => ({
  sla_id: sla, slt_id: '1', slt_name: `${metric}-${unit}`, slt_metric: metric, slt_request_type: 'incident', slt_ticket_priority: '1', slt_value: value, slt_value_unit: unit,
});

function mapped(snapshot: ItopSnapshot, options: Partial<ItopMappingOptions> = {}): ItopMapping {
  const result = mapItopToDirectory(snapshot, { ...OPTIONS, ...options });
  if (!result.ok) throw new Error(`mapping failed: ${JSON.stringify(result.error)}`);
  const valid = validateDirectory(result.value.file);
  if (!valid.ok) throw new Error(`the produced file does not validate: ${JSON.stringify(valid.error.issues)}`);
  return result.value;
}

/** Two company trees; every gap that needs no --orgs selection. */
const WHOLE = instance({
  Organization: {
    '1': { name: 'Group', code: '', status: 'active', parent_id: '0', deliverymodel_id: '1' },
    '2': { name: 'Sales', code: 'DUP', status: 'active', parent_id: '1', deliverymodel_id: '0' },
    '3': { name: 'IT', code: 'DUP', status: 'active', parent_id: '1', deliverymodel_id: '0' },
    '4': { name: 'Other company', code: 'OTHER', status: 'active', parent_id: '0', deliverymodel_id: '0' },
    '5': { name: 'Facilities', code: 'FAC', status: 'active', parent_id: '0', deliverymodel_id: '0' },
  },
  Person: {
    '10': person('2', 'caller', ''),
    '11': person('3', 'agent', 'dt-1', {
      user_list: [{ login: 'agent', profile_list: [{ profile: 'Support Agent' }, { profile: 'REST Services User' }] }],
    }),
    '12': person('3', 'twin-a', 'dt-2'),
    '13': person('3', 'twin-b', 'dt-2'),
    '14': person('4', 'stranger', 'dt-3'),
  },
  Team: {
    '20': { name: 'IT team', status: 'active', org_id: '3' },
    '21': { name: 'Empty team', status: 'active', org_id: '2' },
  },
  lnkPersonToTeam: {
    '1': { team_id: '20', person_id: '11', role_name: 'Team Leader' },
    '2': { team_id: '20', person_id: '14', role_name: '' },
    '3': { team_id: '20', person_id: '999', role_name: '' },
  },
  Service: {
    '30': { name: 'Helpdesk', org_id: '3', servicefamily_id: '0', status: 'production' },
    '31': { name: 'Helpdesk', org_id: '3', servicefamily_id: '0', status: 'implementation' },
    '32': { name: 'Cleaning', org_id: '5', servicefamily_id: '0', status: 'production' },
  },
  ServiceSubcategory: { '40': { name: 'Laptop', service_id: '30', request_type: 'incident', status: 'obsolete' } },
  SLA: { '50': { name: 'Gold', org_id: '1' } },
  lnkSLAToSLT: { '1': slt('50', 'tto', 'minutes', '15'), '2': slt('50', 'ttr', 'weeks'), '3': slt('50', 'ttx', 'hours') },
  CustomerContract: {
    '60': { name: 'Sales-IT', org_id: '2', provider_id: '3', status: 'production', start_date: '2026-02-01', end_date: '' },
    '61': { name: 'Sales-nothing', org_id: '2', provider_id: '3', status: 'production', start_date: '', end_date: '' },
  },
  lnkCustomerContractToService: {
    '1': { customercontract_id: '60', service_id: '30', sla_id: '50' },
    '2': { customercontract_id: '60', service_id: '31', sla_id: '0' },
    '3': { customercontract_id: '61', service_id: '32', sla_id: '50' },
  },
  DeliveryModel: { '1': { name: 'Group delivery', org_id: '1' } },
  lnkDeliveryModelToContact: {
    '1': { deliverymodel_id: '1', contact_id: '20', role_name: '' },
    '2': { deliverymodel_id: '1', contact_id: '11', role_name: '' },
  },
});

/** One tree read from a subtree (--orgs Sales): the gaps of a selection. */
const SUBTREE = instance({
  Organization: {
    '1': { name: 'Group', code: 'G', status: 'active', parent_id: '0', deliverymodel_id: '0' },
    '2': { name: 'Sales', code: 'S', status: 'active', parent_id: '1', deliverymodel_id: '0' },
    '3': { name: 'Sales east', code: 'SE', status: 'active', parent_id: '2', deliverymodel_id: '0' },
  },
  Person: { '10': person('2', 'seller', 'dt-1'), '11': person('1', 'boss', 'dt-2') },
  Team: { '20': { name: 'Sales team', status: 'active', org_id: '2' } },
  lnkPersonToTeam: { '1': { team_id: '20', person_id: '10', role_name: 'Contact' }, '2': { team_id: '20', person_id: '11', role_name: '' } },
  Service: { '30': { name: 'Orders', org_id: '2', servicefamily_id: '0', status: 'production' } },
  SLA: { '50': { name: 'Std', org_id: '1' } },
  CustomerContract: {
    '60': { name: 'East-Sales', org_id: '3', provider_id: '2', status: 'production', start_date: '', end_date: '' },
    '61': { name: 'Group-Sales', org_id: '1', provider_id: '2', status: 'production', start_date: '', end_date: '' },
  },
  lnkCustomerContractToService: {
    '1': { customercontract_id: '60', service_id: '30', sla_id: '50' },
    '2': { customercontract_id: '61', service_id: '30', sla_id: '50' },
  },
});

describe('mapItopToDirectory: what does not map is reported, one line each, with class and key', () => {
  const whole = mapped(WHOLE);
  const subtree = mapped(SUBTREE, { rootOrg: 'Sales' });
  const lines = (m: ItopMapping) => formatItopReport(m).filter((l) => l.startsWith('  unmapped '));

  it('the whole instance: every gap line, in order', () => {
    expect(lines(whole)).toEqual([
      '  unmapped Organization::2 [code-collision] code "DUP" is shared by 2 organizations: written as "org-2"',
      '  unmapped Organization::3 [code-collision] code "DUP" is shared by 2 organizations: written as "org-3"',
      '  unmapped Person::10 [person-without-dingtalk-id] person "person-10" has no employee_number: cannot be reached in chat',
      '  unmapped Person::11 [profile-without-counterpart] profile "REST Services User" of user "agent" has no directory counterpart',
      '  unmapped Person::12 [dingtalk-id-collision] employee_number "dt-2" is also on Person::13: written without a DingTalk id',
      '  unmapped Person::13 [dingtalk-id-collision] employee_number "dt-2" is also on Person::12: written without a DingTalk id',
      '  unmapped lnkPersonToTeam::2 [member-of-another-company-tree] person "person-14" belongs to another company tree than team "team-20": left out',
      '  unmapped lnkPersonToTeam::3 [dangling-reference] person_id "999" is no person read: not a member of team "team-20"',
      '  unmapped Team::21 [team-without-members] team "team-21" has no members: nobody receives its tickets',
      '  unmapped Service::32 [service-without-team] service "service-32" has no team: no Team among its contacts nor in its provider\'s organisation or above; left out',
      '  unmapped lnkCustomerContractToService::2 [contract-link-without-sla] service "service-31" of contract "Sales-IT" has no SLA in iTop: left out of the contract',
      '  unmapped lnkCustomerContractToService::3 [contract-outside-selection] service_id "32" of contract "Sales-nothing" is not in the file (outside --orgs or without a team, see its own line)',
      '  unmapped CustomerContract::61 [contract-without-services] contract "Sales-nothing" has no service left to contract: left out',
      '  unmapped lnkSLAToSLT::2 [slt-not-mappable] SLT "ttr-weeks" of SLA "sla-50": unit "weeks" is not one of seconds, minutes, hours, days; left out',
      '  unmapped lnkSLAToSLT::3 [slt-not-mappable] SLT "ttx-hours" of SLA "sla-50": metric "ttx" is neither tto nor ttr; left out',
      '  unmapped lnkDeliveryModelToContact::2 [delivery-model-contact-not-a-team] contact Person::11 of delivery model "dm-1" is a person: the directory lists teams only',
      '  unmapped Service::30 [name-collision] name "Helpdesk" is shared by Service::30, Service::31: rename in iTop so people can tell them apart',
      '  unmapped Service::31 [name-collision] name "Helpdesk" is shared by Service::30, Service::31: rename in iTop so people can tell them apart',
    ]);
  });

  it('a subtree (--orgs): members, contracts and teams outside it are reported, the rest counted as outside', () => {
    expect(lines(subtree)).toEqual([
      '  unmapped lnkPersonToTeam::2 [member-outside-selection] person Person::11 is outside --orgs: not a member of team "team-20"',
      '  unmapped CustomerContract::61 [contract-outside-selection] contract "Group-Sales": its customer is outside --orgs; left out',
    ]);
    expect(subtree.file.organizations?.map((o) => o.code)).toEqual(['S', 'SE']);
    expect(subtree.outsideSelection).toBe(2); // Organization::1 and Person::11
  });

  it('a contract whose service has another provider is reported, the rest of it kept', () => {
    const snapshot = instance({
      ...Object.fromEntries(Object.entries(WHOLE).map(([c, list]) => [c, Object.fromEntries((list as ItopObject[]).map((o) => [o.key, o.fields]))])),
      lnkCustomerContractToService: {
        '1': { customercontract_id: '60', service_id: '30', sla_id: '50' },
        '4': { customercontract_id: '60', service_id: '99', sla_id: '50' },
      },
      Service: {
        ...Object.fromEntries(WHOLE.Service.map((o) => [o.key, o.fields])),
        '99': { name: 'Sales desk', org_id: '2', servicefamily_id: '0', status: 'production' },
      },
      Team: { ...Object.fromEntries(WHOLE.Team.map((o) => [o.key, o.fields])) },
    });
    const m = mapped(snapshot);
    expect(lines(m)).toContain(
      '  unmapped lnkCustomerContractToService::4 [contract-service-of-another-provider] service "service-99" is provided by "org-2", not by contract "Sales-IT"\'s provider "org-3"',
    );
    expect(m.file.contracts?.find((c) => c.code === 'Sales-IT')?.services).toEqual(['service-30']);
  });

  it('every kind of gap is exercised by these instances, and the summary counts them by kind', () => {
    const kinds = new Set([...whole.gaps, ...subtree.gaps].map((g) => g.kind));
    kinds.add('contract-service-of-another-provider'); // the test above
    expect([...kinds].sort()).toEqual([...ITOP_GAP_KINDS].sort());
    expect(formatItopReport(whole).at(-1)).toBe(
      'summary: 18 not mapped (person-without-dingtalk-id 1, dingtalk-id-collision 2, team-without-members 1, member-of-another-company-tree 1, ' +
        'service-without-team 1, contract-link-without-sla 1, contract-without-services 1, contract-outside-selection 1, slt-not-mappable 2, ' +
        'delivery-model-contact-not-a-team 1, profile-without-counterpart 1, name-collision 2, code-collision 2, dangling-reference 1); ' +
        `${whole.filled.length} filled; 0 outside --orgs`,
    );
  });

  it('lists every value it filled: family, team, status, dates, calendar, roles, profiles', () => {
    const filled = whole.filled.map((f) => `${f.itop} ${f.field}=${f.value}`);
    expect(filled).toEqual(
      expect.arrayContaining([
        'Service::30 family=itop-no-family',
        'Service::30 team=team-20',
        'Service::31 status=obsolete',
        'CustomerContract::60 end=2099-12-31',
        'SLA::50 calendar=24x7',
        'Person::10 profiles=portal_user',
      ]),
    );
    expect(filled.some((f) => f.startsWith('CustomerContract::60 start='))).toBe(false); // iTop had it
    const contract = whole.file.contracts?.find((c) => c.code === 'Sales-IT');
    expect(contract).toMatchObject({ start: '2026-02-01', end: '2099-12-31', services: ['service-30'], sla: 'sla-50' });
    const team = whole.file.teams?.find((t) => t.code === 'team-20');
    expect(team?.members).toEqual([{ person: 'person-11', role: 'lead' }]);
    expect(whole.file.people?.find((p) => p.id === 'person-11')?.profiles).toEqual(['support_agent']);
    expect(whole.file.slas?.[0]?.targets).toEqual([{ metric: 'tto', priority: 1, request_type: 'incident', value: 15, unit: 'minutes' }]);
    expect(whole.file.services?.find((s) => s.code === 'service-30')?.subcategories).toEqual([
      { code: 'sc-40', name: 'Laptop', request_type: 'incident', status: 'obsolete' },
    ]);
  });

  it('a member without a --lead-role role: contact; no lead at all: the first member also leads (filled)', () => {
    const m = mapped(SUBTREE, { rootOrg: 'S' });
    expect(m.file.teams?.[0]?.members).toEqual([{ person: 'person-10', role: 'lead' }, { person: 'person-10', role: 'contact' }]);
    expect(m.filled.map((f) => `${f.itop} ${f.value}`)).toContain('Team::20 lead: "person-10" (its first member; no member has a --lead-role role)');
  });

  it('refuses an unknown --orgs root, an unknown calendar and an instance without organisations', () => {
    expect(mapItopToDirectory(WHOLE, { ...OPTIONS, rootOrg: 'nope' })).toEqual({ ok: false, error: { kind: 'unknown-root-org', rootOrg: 'nope' } });
    expect(mapItopToDirectory(WHOLE, { ...OPTIONS, calendar: 'mon-fri' })).toEqual({ ok: false, error: { kind: 'unknown-calendar', calendar: 'mon-fri' } });
    expect(mapItopToDirectory(instance({}), OPTIONS)).toEqual({ ok: false, error: { kind: 'no-organizations' } });
  });
});
