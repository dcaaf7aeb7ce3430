/**
 * iTop objects → a directory file (docs/itop-import.md, docs/directory-format.md). Pure: the snapshot read
 * through iTop's REST API and the options in, the file's plain data out, with every value filled from an option
 * and every item that does not map listed with its iTop class and key. Nothing is guessed silently.
 */
import type { DirectoryFile, DirectoryListKey } from '../directory/directory-file.schema';
import { err, ok, type Result } from '../shared/result';
import { ITOP_IMPORT_CALENDARS } from './itop-calendars';
import { fk, itopRef, str, type ItopObject, type ItopSnapshot } from './itop-object';
import type {
  ItopFilledValue,
  ItopGap,
  ItopGapKind,
  ItopMapping,
  ItopMappingError,
  ItopMappingOptions,
} from './itop-mapping.types';
import { ITOP_PROFILE_MAP, PROFILE_OF_TEAM_MEMBER, PROFILE_WITHOUT_ACCOUNT } from './itop-profiles';

type Entry<K extends DirectoryListKey> = NonNullable<DirectoryFile[K]>[number];
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const byKey = (a: ItopObject, b: ItopObject): number => Number(a.key) - Number(b.key) || a.key.localeCompare(b.key);
const sorted = (list: readonly ItopObject[]): ItopObject[] => [...list].sort(byKey);
const activeStatus = (o: ItopObject): 'active' | 'inactive' => (str(o, 'status') === 'inactive' ? 'inactive' : 'active');
const orUndefined = (s: string): string | undefined => (s === '' ? undefined : s);

/** Shared by the steps: the options, what was filled, what did not map, the codes given so far. */
class MappingRun {
  readonly filled: ItopFilledValue[] = [];
  readonly gaps: ItopGap[] = [];
  outsideSelection = 0;
  readonly orgCode = new Map<string, string>();
  readonly personId = new Map<string, string>();
  readonly teamCode = new Map<string, string>();
  readonly serviceCode = new Map<string, string>();
  readonly serviceProvider = new Map<string, string>();
  readonly teamMembers = new Set<string>();
  readonly orgParent: Map<string, string | null>;
  readonly persons: Map<string, ItopObject>;
  readonly teams: Map<string, ItopObject>;

  constructor(
    readonly snapshot: ItopSnapshot,
    readonly options: ItopMappingOptions,
  ) {
    this.orgParent = new Map(snapshot.Organization.map((o) => [o.key, fk(o, 'parent_id')]));
    this.persons = new Map(snapshot.Person.map((p) => [p.key, p]));
    this.teams = new Map(snapshot.Team.map((t) => [t.key, t]));
  }

  gap(kind: ItopGapKind, o: ItopObject, message: string): void {
    this.gaps.push({ kind, itop: itopRef(o), message });
  }

  fill(o: ItopObject, field: string, value: string, from: string): void {
    this.filled.push({ itop: itopRef(o), field, value, from });
  }

  /** The top of an organisation's tree in iTop (cycles stop the walk). */
  rootOf(orgKey: string): string {
    const seen = new Set<string>();
    let key = orgKey;
    for (let parent = this.orgParent.get(key); parent && !seen.has(parent); parent = this.orgParent.get(key)) {
      seen.add(key);
      if (!this.orgParent.has(parent)) break;
      key = parent;
    }
    return key;
  }
}

export function mapItopToDirectory(snapshot: ItopSnapshot, options: ItopMappingOptions): Result<ItopMapping, ItopMappingError> {
  const calendar = ITOP_IMPORT_CALENDARS[options.calendar];
  if (!calendar) return err({ kind: 'unknown-calendar', calendar: options.calendar });
  if (snapshot.Organization.length === 0) return err({ kind: 'no-organizations' });
  const run = new MappingRun(snapshot, options);
  const selected = selectOrganizations(run);
  if (!selected) return err({ kind: 'unknown-root-org', rootOrg: options.rootOrg ?? '' });

  const organizations = mapOrganizations(run, selected);
  const people = mapPeople(run);
  const teams = mapTeams(run);
  finishProfiles(run, people);
  const { families, services } = mapServices(run);
  const { contracts, slaKeys } = mapContracts(run);
  const slas = mapSlas(run, slaKeys);
  const deliveryModels = mapDeliveryModels(run, organizations);
  reportNameCollisions(run);

  const file: DirectoryFile = {
    version: 1,
    calendars: slas.length > 0 ? [calendar] : [],
    organizations,
    people: people.map(({ entry }) => entry),
    teams,
    service_families: families,
    services,
    slas,
    contracts,
    delivery_models: deliveryModels,
  };
  return ok({ file, filled: run.filled, gaps: run.gaps, outsideSelection: run.outsideSelection });
}

/** `--orgs ROOT` (key, code or name) and its descendants; every organisation without it. Null: ROOT unknown. */
function selectOrganizations(run: MappingRun): ItopObject[] | null {
  const orgs = sorted(run.snapshot.Organization);
  const root = run.options.rootOrg;
  if (root === null) return orgs;
  const top = orgs.find((o) => o.key === root || str(o, 'code') === root || str(o, 'name') === root);
  if (!top) return null;
  const keep = new Set([top.key]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const o of orgs) {
      const parent = fk(o, 'parent_id');
      if (parent && keep.has(parent) && !keep.has(o.key)) keep.add(o.key), (grew = true);
    }
  }
  run.outsideSelection += orgs.length - keep.size;
  return orgs.filter((o) => keep.has(o.key));
}

/** A code from a field when it is set and unique, else `<prefix>-<key>`; a shared value is a code collision. */
function codesFrom(run: MappingRun, objects: ItopObject[], field: string | null, prefix: string, what: string): Map<string, string> {
  const counts = new Map<string, number>();
  for (const o of objects) if (field && str(o, field)) counts.set(str(o, field), (counts.get(str(o, field)) ?? 0) + 1);
  const codes = new Map<string, string>();
  for (const o of objects) {
    const own = field ? str(o, field) : '';
    const fallback = `${prefix}-${o.key}`;
    if (own && counts.get(own) === 1) codes.set(o.key, own);
    else {
      codes.set(o.key, fallback);
      if (own) run.gap('code-collision', o, `${field} "${own}" is shared by ${counts.get(own)} ${what}: written as "${fallback}"`);
    }
  }
  return codes;
}

function mapOrganizations(run: MappingRun, orgs: ItopObject[]): Array<Entry<'organizations'>> {
  for (const [key, code] of codesFrom(run, orgs, 'code', 'org', 'organizations')) run.orgCode.set(key, code);
  const models = new Set(run.snapshot.DeliveryModel.map((d) => d.key));
  return orgs.map((o) => {
    const parent = fk(o, 'parent_id');
    const model = fk(o, 'deliverymodel_id');
    if (parent && !run.orgParent.has(parent)) run.gap('dangling-reference', o, `parent_id "${parent}" is no organisation read: written without parent`);
    if (model && !models.has(model)) run.gap('dangling-reference', o, `deliverymodel_id "${model}" is no delivery model read: written without one`);
    const entry: Mutable<Entry<'organizations'>> = { code: run.orgCode.get(o.key)!, name: str(o, 'name') || run.orgCode.get(o.key)! };
    if (parent && run.orgCode.has(parent)) entry.parent = run.orgCode.get(parent)!;
    if (model && models.has(model)) entry.delivery_model = `dm-${model}`;
    if (activeStatus(o) === 'inactive') entry.status = 'inactive';
    return entry;
  });
}

interface MappedPerson {
  readonly itop: ItopObject;
  readonly entry: Mutable<Entry<'people'>>;
  readonly hasAccount: boolean;
}

function mapPeople(run: MappingRun): MappedPerson[] {
  const { dingtalkIdField, personIdField } = run.options;
  const persons = sorted(run.snapshot.Person).filter((p) => {
    const inside = run.orgCode.has(fk(p, 'org_id') ?? '');
    if (!inside) run.outsideSelection += 1;
    return inside;
  });
  for (const [key, id] of codesFrom(run, persons, personIdField, 'person', 'people')) run.personId.set(key, id);
  if (personIdField) {
    for (const p of persons) if (!str(p, personIdField)) run.fill(p, 'id', run.personId.get(p.key)!, `--person-id-field ${personIdField} (empty)`);
  }
  const holders = new Map<string, ItopObject[]>();
  for (const p of persons) {
    const id = str(p, dingtalkIdField);
    if (id) holders.set(id, [...(holders.get(id) ?? []), p]);
  }
  return persons.map((p) => {
    const id = run.personId.get(p.key)!;
    const entry: Mutable<Entry<'people'>> = { id, name: displayName(p) || id, org: run.orgCode.get(fk(p, 'org_id')!)! };
    const dingtalk = str(p, dingtalkIdField);
    if (!dingtalk) run.gap('person-without-dingtalk-id', p, `person "${id}" has no ${dingtalkIdField}: cannot be reached in chat`);
    else if (holders.get(dingtalk)!.length > 1) {
      const others = holders.get(dingtalk)!.filter((o) => o !== p).map(itopRef).join(', ');
      run.gap('dingtalk-id-collision', p, `${dingtalkIdField} "${dingtalk}" is also on ${others}: written without a DingTalk id`);
    } else entry.dingtalk_user_id = dingtalk;
    const mobile = orUndefined(str(p, 'mobile_phone'));
    const email = orUndefined(str(p, 'email'));
    if (mobile) entry.mobile = mobile;
    if (email) entry.email = email;
    if (activeStatus(p) === 'inactive') entry.status = 'inactive';
    const { profiles, hasAccount } = profilesOf(run, p);
    entry.profiles = profiles;
    return { itop: p, entry, hasAccount };
  });
}

/** iTop's friendly name of a person: first name, then (last) name. */
const displayName = (p: ItopObject): string => [str(p, 'first_name'), str(p, 'name')].filter(Boolean).join(' ');

function profilesOf(run: MappingRun, p: ItopObject): { profiles: string[]; hasAccount: boolean } {
  const users = Array.isArray(p.fields.user_list) ? (p.fields.user_list as Array<Record<string, unknown>>) : [];
  const profiles: string[] = [];
  for (const user of users) {
    const list = Array.isArray(user.profile_list) ? (user.profile_list as Array<Record<string, unknown>>) : [];
    for (const link of list) {
      const name = typeof link.profile === 'string' ? link.profile : '';
      const mapped = ITOP_PROFILE_MAP[name];
      if (mapped === undefined) run.gap('profile-without-counterpart', p, `profile "${name}" of user "${String(user.login ?? '')}" has no directory counterpart`);
      else if (!profiles.includes(mapped)) profiles.push(mapped);
    }
  }
  return { profiles, hasAccount: users.length > 0 };
}

/** People without an iTop account: an agent when they are in a team, else a caller (portal user). */
function finishProfiles(run: MappingRun, people: MappedPerson[]): void {
  for (const { itop, entry, hasAccount } of people) {
    if (hasAccount) continue;
    const profiles = [run.teamMembers.has(itop.key) ? PROFILE_OF_TEAM_MEMBER : PROFILE_WITHOUT_ACCOUNT];
    entry.profiles = profiles;
    run.fill(itop, 'profiles', profiles.join(', '), 'no iTop user account (stated default)');
  }
}

function mapTeams(run: MappingRun): Array<Entry<'teams'>> {
  const { leadRoles, contactRoles } = run.options;
  const teams = sorted(run.snapshot.Team).filter((t) => {
    const inside = run.orgCode.has(fk(t, 'org_id') ?? '');
    if (!inside) run.outsideSelection += 1;
    return inside;
  });
  for (const t of teams) run.teamCode.set(t.key, `team-${t.key}`);
  const links = sorted(run.snapshot.lnkPersonToTeam);
  return teams.map((t) => {
    const code = run.teamCode.get(t.key)!;
    const teamRoot = run.rootOf(fk(t, 'org_id')!);
    const members: Array<{ person: string; role: 'lead' | 'contact' | 'member' }> = [];
    let defaulted = 0;
    for (const link of links.filter((l) => fk(l, 'team_id') === t.key)) {
      const personKey = fk(link, 'person_id') ?? '';
      const person = run.persons.get(personKey);
      const id = run.personId.get(personKey);
      if (!person) {
        run.gap('dangling-reference', link, `person_id "${personKey}" is no person read: not a member of team "${code}"`);
        continue;
      }
      if (!id) {
        run.gap('member-outside-selection', link, `person ${itopRef(person)} is outside --orgs: not a member of team "${code}"`);
        continue;
      }
      const personRoot = run.rootOf(fk(person, 'org_id') ?? '');
      if (personRoot !== teamRoot) {
        run.gap('member-of-another-company-tree', link, `person "${id}" belongs to another company tree than team "${code}": left out`);
        continue;
      }
      const roleName = str(link, 'role_name');
      const role = leadRoles.includes(roleName) ? 'lead' : contactRoles.includes(roleName) ? 'contact' : 'contact';
      if (!leadRoles.includes(roleName) && !contactRoles.includes(roleName)) defaulted += 1;
      if (!members.some((m) => m.person === id && m.role === role)) members.push({ person: id, role });
      run.teamMembers.add(personKey);
    }
    if (defaulted > 0) run.fill(t, 'members[].role', `contact for ${defaulted} member(s) without a --lead-role/--contact-role role`, '--lead-role, --contact-role');
    if (members.length === 0) run.gap('team-without-members', t, `team "${code}" has no members: nobody receives its tickets`);
    else if (!members.some((m) => m.role === 'lead')) {
      const first = members[0]!.person;
      members.unshift({ person: first, role: 'lead' });
      run.fill(t, 'members[].role', `lead: "${first}" (its first member; no member has a --lead-role role)`, '--lead-role');
    }
    const entry: Mutable<Entry<'teams'>> = { code, name: str(t, 'name') || code, org: run.orgCode.get(fk(t, 'org_id')!)!, members };
    if (activeStatus(t) === 'inactive') entry.status = 'inactive';
    return entry;
  });
}

/** iTop's `implementation` is not open for tickets yet: obsolete here until it goes to production. */
function serviceStatus(run: MappingRun, o: ItopObject): 'production' | 'obsolete' {
  const status = str(o, 'status');
  if (status === 'production') return 'production';
  if (status !== 'obsolete') run.fill(o, 'status', 'obsolete', `iTop status "${status}" (stated default: not fileable until production)`);
  return 'obsolete';
}

function mapServices(run: MappingRun): { families: Array<Entry<'service_families'>>; services: Array<Entry<'services'>> } {
  const familyByKey = new Map(run.snapshot.ServiceFamily.map((f) => [f.key, f]));
  const usedFamilies = new Map<string, Entry<'service_families'>>();
  const services: Array<Entry<'services'>> = [];
  for (const s of sorted(run.snapshot.Service)) {
    const providerKey = fk(s, 'org_id') ?? '';
    const provider = run.orgCode.get(providerKey);
    if (!provider) {
      run.outsideSelection += 1;
      continue;
    }
    const code = `service-${s.key}`;
    const team = teamOfService(run, s, providerKey);
    if (!team) {
      run.gap('service-without-team', s, `service "${code}" has no team: no Team among its contacts nor in its provider's organisation or above; left out`);
      continue;
    }
    const familyKey = fk(s, 'servicefamily_id');
    const family = familyKey ? familyByKey.get(familyKey) : undefined;
    let familyCode: string;
    if (family) {
      familyCode = `family-${family.key}`;
      usedFamilies.set(familyCode, { code: familyCode, name: str(family, 'name') || familyCode });
    } else {
      familyCode = run.options.familyCode;
      usedFamilies.set(familyCode, { code: familyCode, name: run.options.familyName });
      run.fill(s, 'family', familyCode, '--family');
    }
    const subcategories = sorted(run.snapshot.ServiceSubcategory)
      .filter((sc) => fk(sc, 'service_id') === s.key)
      .map((sc) => {
        const type = str(sc, 'request_type') === 'incident' ? 'incident' : 'service_request';
        if (!['incident', 'service_request'].includes(str(sc, 'request_type'))) {
          run.fill(sc, 'request_type', type, `iTop request_type "${str(sc, 'request_type')}" (stated default)`);
        }
        const entry: Mutable<NonNullable<Entry<'services'>['subcategories']>[number]> = { code: `sc-${sc.key}`, name: str(sc, 'name') || `sc-${sc.key}`, request_type: type };
        if (serviceStatus(run, sc) === 'obsolete') entry.status = 'obsolete';
        return entry;
      });
    const entry: Mutable<Entry<'services'>> = { code, name: str(s, 'name') || code, family: familyCode, provider, team, subcategories };
    if (serviceStatus(run, s) === 'obsolete') entry.status = 'obsolete';
    run.serviceCode.set(s.key, code);
    run.serviceProvider.set(s.key, providerKey);
    services.push(entry);
  }
  return { families: [...usedFamilies.values()], services };
}

/** A Team among the service's contacts; else a team of its provider organisation, or of the nearest one above. */
function teamOfService(run: MappingRun, s: ItopObject, providerKey: string): string | null {
  const contact = sorted(run.snapshot.lnkContactToService)
    .filter((l) => fk(l, 'service_id') === s.key)
    .map((l) => run.teamCode.get(fk(l, 'contact_id') ?? ''))
    .find((code) => code !== undefined);
  if (contact) return contact;
  const seen = new Set<string>();
  for (let org: string | null = providerKey; org && !seen.has(org); org = run.orgParent.get(org) ?? null) {
    seen.add(org);
    const teams = sorted(run.snapshot.Team).filter((t) => fk(t, 'org_id') === org && run.teamCode.has(t.key));
    if (teams.length > 0) {
      const code = run.teamCode.get(teams[0]!.key)!;
      const why = org === providerKey ? "the provider organisation's team" : 'the team of the nearest organisation above the provider';
      const many = teams.length > 1 ? ` (first of ${teams.length})` : '';
      run.fill(s, 'team', code, `${why}${many}: link a Team to the service in iTop to choose`);
      return code;
    }
  }
  return null;
}

function mapContracts(run: MappingRun): { contracts: Array<Entry<'contracts'>>; slaKeys: Set<string> } {
  const all = sorted(run.snapshot.CustomerContract);
  const nameCounts = new Map<string, number>();
  for (const c of all) if (str(c, 'name')) nameCounts.set(str(c, 'name'), (nameCounts.get(str(c, 'name')) ?? 0) + 1);
  const slaKeys = new Set<string>();
  const contracts: Array<Entry<'contracts'>> = [];
  const links = sorted(run.snapshot.lnkCustomerContractToService);
  for (const c of all) {
    const customer = run.orgCode.get(fk(c, 'org_id') ?? '');
    const providerKey = fk(c, 'provider_id') ?? '';
    const provider = run.orgCode.get(providerKey);
    if (!customer && !provider) {
      run.outsideSelection += 1;
      continue;
    }
    if (!customer || !provider) {
      const side = customer ? 'provider' : 'customer';
      run.gap('contract-outside-selection', c, `contract "${str(c, 'name')}": its ${side} is outside --orgs; left out`);
      continue;
    }
    const name = str(c, 'name');
    const code = name && nameCounts.get(name) === 1 ? name : `contract-${c.key}`;
    if (name && nameCounts.get(name)! > 1) run.gap('code-collision', c, `contract name "${name}" is shared by ${nameCounts.get(name)} contracts: written as "${code}"`);
    const bySla = new Map<string, string[]>();
    for (const link of links.filter((l) => fk(l, 'customercontract_id') === c.key)) {
      const serviceKey = fk(link, 'service_id') ?? '';
      const service = run.serviceCode.get(serviceKey);
      const sla = fk(link, 'sla_id');
      if (!service) {
        const known = run.snapshot.Service.some((s) => s.key === serviceKey);
        const why = known ? 'is not in the file (outside --orgs or without a team, see its own line)' : 'is no service read';
        run.gap(known ? 'contract-outside-selection' : 'dangling-reference', link, `service_id "${serviceKey}" of contract "${code}" ${why}`);
      } else if (run.serviceProvider.get(serviceKey) !== providerKey) {
        run.gap('contract-service-of-another-provider', link, `service "${service}" is provided by "${run.orgCode.get(run.serviceProvider.get(serviceKey)!)}", not by contract "${code}"'s provider "${provider}"`);
      } else if (!sla || !run.snapshot.SLA.some((s) => s.key === sla)) {
        run.gap('contract-link-without-sla', link, `service "${service}" of contract "${code}" has no SLA in iTop: left out of the contract`);
      } else bySla.set(sla, [...(bySla.get(sla) ?? []), service]);
    }
    if (bySla.size === 0) {
      run.gap('contract-without-services', c, `contract "${code}" has no service left to contract: left out`);
      continue;
    }
    const status = str(c, 'status');
    const contractStatus = status === 'production' || status === 'implementation' || status === 'obsolete' ? status : 'obsolete';
    if (contractStatus !== status) run.fill(c, 'status', contractStatus, `iTop status "${status}" (stated default)`);
    const start = dateOf(c, 'start_date') ?? run.options.contractStart;
    const end = dateOf(c, 'end_date') ?? run.options.contractEnd;
    if (!dateOf(c, 'start_date')) run.fill(c, 'start', start, '--contract-start');
    if (!dateOf(c, 'end_date')) run.fill(c, 'end', end, '--contract-end');
    const split = bySla.size > 1;
    for (const [sla, services] of bySla) {
      slaKeys.add(sla);
      const own = split ? `${code}-sla-${sla}` : code;
      if (split) run.fill(c, 'code', own, 'one contract per SLA (the directory has one SLA per contract)');
      contracts.push({ code: own, customer, provider, services: [...new Set(services)], sla: `sla-${sla}`, status: contractStatus, start, end });
    }
  }
  return { contracts, slaKeys };
}

const dateOf = (o: ItopObject, field: string): string | null => {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(str(o, field));
  return m ? m[1]! : null;
};

const UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;

function mapSlas(run: MappingRun, used: Set<string>): Array<Entry<'slas'>> {
  const links = sorted(run.snapshot.lnkSLAToSLT);
  return sorted(run.snapshot.SLA)
    .filter((s) => {
      const keep = used.has(s.key) || run.orgCode.has(fk(s, 'org_id') ?? '');
      if (!keep) run.outsideSelection += 1;
      return keep;
    })
    .map((s) => {
      const code = `sla-${s.key}`;
      run.fill(s, 'calendar', run.options.calendar, '--calendar');
      const targets: NonNullable<Entry<'slas'>['targets']> = [];
      for (const l of links.filter((x) => fk(x, 'sla_id') === s.key)) {
        const target = sltTarget(l);
        if (typeof target === 'string') run.gap('slt-not-mappable', l, `SLT "${str(l, 'slt_name')}" of SLA "${code}": ${target}; left out`);
        else targets.push(target);
      }
      return { code, name: str(s, 'name') || code, calendar: run.options.calendar, targets };
    });
}

/** One SLT as a target, or why it cannot be one. */
function sltTarget(l: ItopObject): NonNullable<Entry<'slas'>['targets']>[number] | string {
  const metric = str(l, 'slt_metric');
  const priority = Number(str(l, 'slt_ticket_priority'));
  const type = str(l, 'slt_request_type');
  const value = Number(str(l, 'slt_value'));
  const unit = str(l, 'slt_value_unit');
  if (metric !== 'tto' && metric !== 'ttr') return `metric "${metric}" is neither tto nor ttr`;
  if (![1, 2, 3, 4].includes(priority)) return `priority "${str(l, 'slt_ticket_priority')}" is not 1-4`;
  if (type !== 'incident' && type !== 'service_request') return `request type "${type}" is neither incident nor service_request`;
  if (!(value > 0) || !Number.isFinite(value)) return `value "${str(l, 'slt_value')}" is not a positive number`;
  if (!(UNITS as readonly string[]).includes(unit)) return `unit "${unit}" is not one of ${UNITS.join(', ')}`;
  return { metric, priority, request_type: type, value, unit: unit as (typeof UNITS)[number] };
}

function mapDeliveryModels(run: MappingRun, organizations: Array<Entry<'organizations'>>): Array<Entry<'delivery_models'>> {
  const referenced = new Set(organizations.map((o) => o.delivery_model).filter((d): d is string => typeof d === 'string'));
  const links = sorted(run.snapshot.lnkDeliveryModelToContact);
  return sorted(run.snapshot.DeliveryModel)
    .filter((d) => {
      const keep = referenced.has(`dm-${d.key}`) || run.orgCode.has(fk(d, 'org_id') ?? '');
      if (!keep) run.outsideSelection += 1;
      return keep;
    })
    .map((d) => {
      const code = `dm-${d.key}`;
      const teams: string[] = [];
      for (const l of links.filter((x) => fk(x, 'deliverymodel_id') === d.key)) {
        const contact = fk(l, 'contact_id') ?? '';
        const team = run.teamCode.get(contact);
        if (team) {
          if (!teams.includes(team)) teams.push(team);
        } else if (run.persons.has(contact)) {
          run.gap('delivery-model-contact-not-a-team', l, `contact ${itopRef(run.persons.get(contact)!)} of delivery model "${code}" is a person: the directory lists teams only`);
        } else if (run.teams.has(contact)) {
          run.gap('member-outside-selection', l, `team Team::${contact} of delivery model "${code}" is outside --orgs: left out`);
        } else run.gap('dangling-reference', l, `contact_id "${contact}" of delivery model "${code}" is no team read`);
      }
      return { code, name: str(d, 'name') || code, teams };
    });
}

/** Two mapped objects of one class with the same name: both map (codes differ) but a person cannot tell them apart. */
function reportNameCollisions(run: MappingRun): void {
  const groups: Array<[readonly ItopObject[], (o: ItopObject) => boolean, (o: ItopObject) => string]> = [
    [run.snapshot.Organization, (o) => run.orgCode.has(o.key), (o) => str(o, 'name')],
    [run.snapshot.Person, (o) => run.personId.has(o.key), displayName],
    [run.snapshot.Team, (o) => run.teamCode.has(o.key), (o) => str(o, 'name')],
    [run.snapshot.Service, (o) => run.serviceCode.has(o.key), (o) => str(o, 'name')],
  ];
  for (const [list, mapped, nameOf] of groups) {
    const byName = new Map<string, ItopObject[]>();
    for (const o of sorted(list).filter(mapped)) if (nameOf(o)) byName.set(nameOf(o), [...(byName.get(nameOf(o)) ?? []), o]);
    for (const [name, same] of byName) {
      if (same.length < 2) continue;
      for (const o of same) run.gap('name-collision', o, `name "${name}" is shared by ${same.map(itopRef).join(', ')}: rename in iTop so people can tell them apart`);
    }
  }
}
