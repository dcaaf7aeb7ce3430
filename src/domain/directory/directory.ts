/**
 * An indexed, read-only snapshot of the directory. Every rule that asks "who is the lead of…", "which delivery
 * model applies to…" or "which teams is this person in" asks it here. Pure: built from `DirectoryData`.
 */
import type {
  Calendar,
  Contract,
  DeliveryModel,
  DirectoryData,
  Organization,
  Person,
  Profile,
  Service,
  Sla,
  Subcategory,
  Team,
  TeamMember,
  TeamRole,
} from './directory.types';

/** Finds an entry by its key; undefined when there is none. */
export type Lookup<T> = (key: string) => T | undefined;

/** A lookup over `list` by `keyOf` (null: not indexed); on a repeated key the later entry wins. */
function lookup<T>(list: readonly T[], keyOf: (entry: T) => string | null): Lookup<T> {
  const byKey = new Map<string, T>();
  for (const entry of list) {
    const key = keyOf(entry);
    if (key !== null) byKey.set(key, entry);
  }
  return (key) => byKey.get(key);
}

/** The entries of `list` grouped by `keyOf`, in list order. */
function groupBy<T, K>(list: readonly T[], keyOf: (entry: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const entry of list) {
    const key = keyOf(entry);
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return groups;
}

export class Directory {
  readonly timezone: string;
  /** Entries by code; people by id and by DingTalk user id. */
  readonly org: Lookup<Organization>;
  readonly person: Lookup<Person>;
  readonly personByUserId: Lookup<Person>;
  readonly team: Lookup<Team>;
  readonly service: Lookup<Service>;
  readonly sla: Lookup<Sla>;
  readonly calendar: Lookup<Calendar>;
  readonly deliveryModel: Lookup<DeliveryModel>;
  private readonly contractsByCustomer: ReadonlyMap<string, readonly Contract[]>;
  private readonly teamsByPerson: ReadonlyMap<string, ReadonlyArray<{ team: Team; role: TeamRole }>>;

  constructor(readonly data: DirectoryData) {
    this.timezone = data.timezone;
    this.org = lookup(data.organizations, (o) => o.code);
    this.person = lookup(data.people, (p) => p.id);
    this.personByUserId = lookup(data.people, (p) => p.dingtalkUserId || null);
    this.team = lookup(data.teams, (t) => t.code);
    this.service = lookup(data.services, (s) => s.code);
    this.sla = lookup(data.slas, (s) => s.code);
    this.calendar = lookup(data.calendars, (c) => c.code);
    this.deliveryModel = lookup(data.deliveryModels, (d) => d.code);
    this.contractsByCustomer = groupBy(data.contracts, (c) => c.customer);
    const memberships = data.teams.flatMap((team) => team.members.map((m) => ({ person: m.person, team, role: m.role })));
    this.teamsByPerson = groupBy(memberships, (m) => m.person);
  }

  subcategory(serviceCode: string, subcategoryCode: string): Subcategory | undefined {
    return this.service(serviceCode)?.subcategories.find((s) => s.code === subcategoryCode);
  }
  /**
   * Contracts covering `customerOrg`: its own, then those of its ancestors written with `include_descendants`
   * (nearest first), so an organisation added under such a customer later is covered too (docs/domain.md §2).
   */
  contractsOf(customerOrg: string): readonly Contract[] {
    const own = this.contractsByCustomer.get(customerOrg) ?? [];
    const inherited = this.orgChain(customerOrg)
      .slice(1)
      .flatMap((o) => (this.contractsByCustomer.get(o.code) ?? []).filter((c) => c.includeDescendants === true));
    return inherited.length === 0 ? own : [...own, ...inherited];
  }

  /** Active organisations whose DingTalk department is `deptId` (staff sync). */
  orgsOfDingtalkDept(deptId: string): Organization[] {
    return this.data.organizations.filter((o) => o.status === 'active' && o.dingtalkDeptId === deptId);
  }

  isActive(personId: string): boolean {
    return this.person(personId)?.status === 'active';
  }

  hasProfile(personId: string, ...profiles: Profile[]): boolean {
    const p = this.person(personId);
    return !!p && p.status === 'active' && profiles.some((x) => p.profiles.includes(x));
  }

  /** The org itself, then its parent, up to the root. Stops on a (validated-away) cycle. */
  orgChain(code: string): Organization[] {
    const chain: Organization[] = [];
    const seen = new Set<string>();
    let cur = this.org(code);
    while (cur && !seen.has(cur.code)) {
      chain.push(cur);
      seen.add(cur.code);
      cur = cur.parent ? this.org(cur.parent) : undefined;
    }
    return chain;
  }

  rootOrg(code: string): Organization | undefined {
    const chain = this.orgChain(code);
    return chain[chain.length - 1];
  }

  /** The delivery model of the org, else of its nearest ancestor (docs/domain.md §2). */
  deliveryModelFor(orgCode: string): DeliveryModel | undefined {
    for (const o of this.orgChain(orgCode)) {
      if (o.deliveryModel) {
        const dm = this.deliveryModel(o.deliveryModel);
        return dm && dm.status === 'active' ? dm : undefined;
      }
    }
    return undefined;
  }

  /** Active people of team `code` holding `role`. */
  teamRole(code: string, role: TeamRole): Person[] {
    return this.activeMembers(code, (m) => m.role === role);
  }

  /** Active members of any role. */
  teamMembers(code: string): Person[] {
    return this.activeMembers(code, () => true);
  }

  /** The active people among the `keep` members of team `code`, once each; none if the team is not active. */
  private activeMembers(code: string, keep: (member: TeamMember) => boolean): Person[] {
    const team = this.team(code);
    if (!team || team.status !== 'active') return [];
    const ids = new Set(team.members.filter(keep).map((m) => m.person));
    return [...ids].map((id) => this.activePerson(id)).filter((p): p is Person => !!p);
  }

  private activePerson(id: string): Person | undefined {
    const p = this.person(id);
    return p && p.status === 'active' ? p : undefined;
  }

  isTeamMember(personId: string, teamCode: string): boolean {
    return this.isActive(personId) && this.teamMembers(teamCode).some((p) => p.id === personId);
  }

  isTeamLead(personId: string, teamCode: string): boolean {
    return this.isActive(personId) && this.teamRole(teamCode, 'lead').some((p) => p.id === personId);
  }

  /** Active teams the person belongs to (any role). */
  teamsOf(personId: string): Team[] {
    if (!this.isActive(personId)) return [];
    const seen = new Set<string>();
    return (this.teamsByPerson.get(personId) ?? [])
      .map((x) => x.team)
      .filter((t) => t.status === 'active' && !seen.has(t.code) && !!seen.add(t.code));
  }

  /**
   * Upper lead of team T (docs/domain.md §4): the leads of T's parent team if it has any; else walk up from T's own
   * organisation and take the first organisation lead who is not a lead of T.
   */
  upperLeads(teamCode: string): Person[] {
    const team = this.team(teamCode);
    if (!team) return [];
    if (team.parent) {
      const parentLeads = this.teamRole(team.parent, 'lead');
      if (parentLeads.length > 0) return parentLeads;
    }
    const ownLeads = new Set(this.teamRole(teamCode, 'lead').map((p) => p.id));
    for (const o of this.orgChain(team.org)) {
      if (o.lead && !ownLeads.has(o.lead)) {
        const p = this.activePerson(o.lead);
        return p ? [p] : [];
      }
    }
    return [];
  }

  /** Lead of the root organisation of `orgCode` (docs/domain.md §4 `top_lead`). */
  topLead(orgCode: string): Person | undefined {
    const root = this.rootOrg(orgCode);
    return root?.lead ? this.activePerson(root.lead) : undefined;
  }
}
