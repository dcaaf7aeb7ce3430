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
  TeamRole,
} from './directory.types';

export class Directory {
  readonly timezone: string;
  private readonly orgs = new Map<string, Organization>();
  private readonly people = new Map<string, Person>();
  private readonly peopleByUserId = new Map<string, Person>();
  private readonly teams = new Map<string, Team>();
  private readonly services = new Map<string, Service>();
  private readonly slas = new Map<string, Sla>();
  private readonly calendars = new Map<string, Calendar>();
  private readonly deliveryModels = new Map<string, DeliveryModel>();
  private readonly contractsByCustomer = new Map<string, Contract[]>();
  private readonly teamsByPerson = new Map<string, Array<{ team: Team; role: TeamRole }>>();

  constructor(readonly data: DirectoryData) {
    this.timezone = data.timezone;
    for (const o of data.organizations) this.orgs.set(o.code, o);
    for (const p of data.people) {
      this.people.set(p.id, p);
      if (p.dingtalkUserId) this.peopleByUserId.set(p.dingtalkUserId, p);
    }
    for (const t of data.teams) {
      this.teams.set(t.code, t);
      for (const m of t.members) {
        const list = this.teamsByPerson.get(m.person) ?? [];
        list.push({ team: t, role: m.role });
        this.teamsByPerson.set(m.person, list);
      }
    }
    for (const s of data.services) this.services.set(s.code, s);
    for (const s of data.slas) this.slas.set(s.code, s);
    for (const c of data.calendars) this.calendars.set(c.code, c);
    for (const d of data.deliveryModels) this.deliveryModels.set(d.code, d);
    for (const c of data.contracts) {
      const list = this.contractsByCustomer.get(c.customer) ?? [];
      list.push(c);
      this.contractsByCustomer.set(c.customer, list);
    }
  }

  org(code: string): Organization | undefined {
    return this.orgs.get(code);
  }
  person(id: string): Person | undefined {
    return this.people.get(id);
  }
  personByUserId(dingtalkUserId: string): Person | undefined {
    return this.peopleByUserId.get(dingtalkUserId);
  }
  team(code: string): Team | undefined {
    return this.teams.get(code);
  }
  service(code: string): Service | undefined {
    return this.services.get(code);
  }
  subcategory(serviceCode: string, subcategoryCode: string): Subcategory | undefined {
    return this.services.get(serviceCode)?.subcategories.find((s) => s.code === subcategoryCode);
  }
  sla(code: string): Sla | undefined {
    return this.slas.get(code);
  }
  calendar(code: string): Calendar | undefined {
    return this.calendars.get(code);
  }
  deliveryModel(code: string): DeliveryModel | undefined {
    return this.deliveryModels.get(code);
  }
  contractsOf(customerOrg: string): readonly Contract[] {
    return this.contractsByCustomer.get(customerOrg) ?? [];
  }

  isActive(personId: string): boolean {
    return this.people.get(personId)?.status === 'active';
  }

  hasProfile(personId: string, ...profiles: Profile[]): boolean {
    const p = this.people.get(personId);
    return !!p && p.status === 'active' && profiles.some((x) => p.profiles.includes(x));
  }

  /** The org itself, then its parent, up to the root. Stops on a (validated-away) cycle. */
  orgChain(code: string): Organization[] {
    const chain: Organization[] = [];
    const seen = new Set<string>();
    let cur = this.orgs.get(code);
    while (cur && !seen.has(cur.code)) {
      chain.push(cur);
      seen.add(cur.code);
      cur = cur.parent ? this.orgs.get(cur.parent) : undefined;
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
        const dm = this.deliveryModels.get(o.deliveryModel);
        return dm && dm.status === 'active' ? dm : undefined;
      }
    }
    return undefined;
  }

  /** Active people of team `code` holding `role`. */
  teamRole(code: string, role: TeamRole): Person[] {
    const team = this.teams.get(code);
    if (!team || team.status !== 'active') return [];
    const ids = new Set(team.members.filter((m) => m.role === role).map((m) => m.person));
    return [...ids].map((id) => this.people.get(id)).filter((p): p is Person => !!p && p.status === 'active');
  }

  /** Active members of any role. */
  teamMembers(code: string): Person[] {
    const team = this.teams.get(code);
    if (!team || team.status !== 'active') return [];
    const ids = new Set(team.members.map((m) => m.person));
    return [...ids].map((id) => this.people.get(id)).filter((p): p is Person => !!p && p.status === 'active');
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
    const team = this.teams.get(teamCode);
    if (!team) return [];
    if (team.parent) {
      const parentLeads = this.teamRole(team.parent, 'lead');
      if (parentLeads.length > 0) return parentLeads;
    }
    const ownLeads = new Set(this.teamRole(teamCode, 'lead').map((p) => p.id));
    for (const o of this.orgChain(team.org)) {
      if (o.lead && !ownLeads.has(o.lead)) {
        const p = this.people.get(o.lead);
        return p && p.status === 'active' ? [p] : [];
      }
    }
    return [];
  }

  /** Lead of the root organisation of `orgCode` (docs/domain.md §4 `top_lead`). */
  topLead(orgCode: string): Person | undefined {
    const root = this.rootOrg(orgCode);
    const lead = root?.lead ? this.people.get(root.lead) : undefined;
    return lead && lead.status === 'active' ? lead : undefined;
  }
}
