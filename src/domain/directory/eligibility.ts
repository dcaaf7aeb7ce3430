/**
 * Eligibility (docs/domain.md §2): which services and subcategories a caller may file, through which contract and
 * SLA; which teams and agents a ticket may go to. iTop only filters its pickers; we check on every write.
 */
import { fail, ok, type Result } from '../shared/result';
import { localDate } from '../shared/local-date';
import type { Directory } from './directory';
import type { Contract, Person, Profile, Service, Subcategory } from './directory.types';
import { PROFILES } from './directory.types';

export interface Offering {
  contract: Contract;
  service: Service;
  subcategory: Subcategory;
}

/** Profiles that may file a request: a portal user or any agent profile, i.e. every known profile (not the inert ones). */
const FILER_PROFILES: readonly Profile[] = PROFILES;

export function isLiveContract(c: Contract, today: string): boolean {
  return c.status === 'production' && c.start <= today && today <= c.end;
}

/** The person behind a DingTalk user id, or a coded reason why they cannot act. */
export function resolveActor(dir: Directory, personId: string | undefined): Result<Person> {
  const person = personId ? dir.person(personId) : undefined;
  if (!person) return fail('PERSON.UNKNOWN', 'no person is linked to this account', { person: personId ?? null });
  if (person.status !== 'active') return fail('PERSON.INACTIVE', 'the person is inactive', { person: person.id });
  return ok(person);
}

/** Every (contract, service, subcategory) the caller may file against today, in directory order. */
export function eligibleOfferings(dir: Directory, caller: Person, now: Date): Offering[] {
  return orgOfferings(dir, caller.org, now);
}

/** Every (contract, service, subcategory) the people of `orgCode` may file against today, in directory order. */
export function orgOfferings(dir: Directory, orgCode: string, now: Date): Offering[] {
  const today = localDate(now, dir.timezone);
  const out: Offering[] = [];
  const seen = new Set<string>();
  for (const contract of dir.contractsOf(orgCode)) {
    if (!isLiveContract(contract, today)) continue;
    if (dir.sla(contract.sla)?.status === 'inactive') continue;
    for (const code of contract.services) {
      const service = dir.service(code);
      if (!service || service.status !== 'production') continue;
      for (const subcategory of service.subcategories) {
        const key = `${service.code}/${subcategory.code}`;
        if (subcategory.status !== 'production' || seen.has(key)) continue;
        seen.add(key);
        out.push({ contract, service, subcategory });
      }
    }
  }
  return out;
}

/** May this person file at all? (active, a filing profile, an organisation with at least one live contract). */
export function checkCanFile(dir: Directory, personId: string | undefined, now: Date): Result<Person> {
  const actor = resolveActor(dir, personId);
  if (!actor.ok) return actor;
  const person = actor.value;
  if (!FILER_PROFILES.some((p) => person.profiles.includes(p))) {
    return fail('PERSON.NO_PROFILE', 'the person has no profile that may file requests', { person: person.id });
  }
  const org = dir.org(person.org);
  if (!org || org.status !== 'active') {
    return fail('ORG.INACTIVE', 'the organisation is unknown or inactive', { org: person.org });
  }
  if (eligibleOfferings(dir, person, now).length === 0) {
    return fail('ORG.NO_CONTRACT', 'the organisation has no live contract for any service', {
      org: person.org,
      orgName: org.name,
    });
  }
  return ok(person);
}

/** The offering for (service, subcategory), if the caller may file it now. */
export function checkOffering(
  dir: Directory,
  caller: Person,
  serviceCode: string,
  subcategoryCode: string,
  now: Date,
): Result<Offering> {
  const found = eligibleOfferings(dir, caller, now).find(
    (o) => o.service.code === serviceCode && o.subcategory.code === subcategoryCode,
  );
  if (found) return ok(found);
  const service = dir.service(serviceCode);
  if (!service || !service.subcategories.some((s) => s.code === subcategoryCode)) {
    return fail('SERVICE.UNKNOWN', 'unknown service or subcategory', {
      service: serviceCode,
      subcategory: subcategoryCode,
    });
  }
  return fail('SERVICE.NOT_CONTRACTED', 'the caller\'s organisation has no live contract for this service', {
    service: serviceCode,
    serviceName: service.name,
    subcategory: subcategoryCode,
    org: caller.org,
  });
}

/**
 * May a ticket of `callerOrg` go to team `teamCode` (and agent `agentId`, if given)? The team must belong to the
 * delivery model applying to the caller's organisation; the agent must be an active member of that team.
 */
export function checkAssignmentTarget(
  dir: Directory,
  callerOrg: string,
  teamCode: string,
  agentId: string | null,
): Result<{ team: string; agent: string | null }> {
  const team = dir.team(teamCode);
  if (!team || team.status !== 'active') return fail('TEAM.UNKNOWN', 'unknown or inactive team', { team: teamCode });
  const dm = dir.deliveryModelFor(callerOrg);
  if (!dm || !dm.teams.includes(teamCode)) {
    return fail('TEAM.NOT_IN_DELIVERY_MODEL', 'the team does not serve the caller\'s organisation', {
      team: teamCode,
      deliveryModel: dm?.code ?? null,
    });
  }
  if (agentId !== null) {
    const agent = dir.person(agentId);
    if (!agent) return fail('PERSON.UNKNOWN', 'unknown agent', { person: agentId });
    if (agent.status !== 'active') return fail('PERSON.INACTIVE', 'the agent is inactive', { person: agentId });
    if (!dir.isTeamMember(agentId, teamCode)) {
      return fail('TEAM.NOT_A_MEMBER', 'the agent is not a member of the team', { person: agentId, team: teamCode });
    }
  }
  return ok({ team: teamCode, agent: agentId });
}
