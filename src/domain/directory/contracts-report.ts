/**
 * The contracts report (docs/domain.md §2 "Contracts report"): for every active organisation with active people,
 * the services its people can file for today and each service of its delivery model's teams that they cannot,
 * with the reason, so a missing contract is found before a salesperson hits it. Pure.
 */
import { localDate } from '../shared/local-date';
import type { Directory } from './directory';
import type { Contract, Organization, Service } from './directory.types';
import { isLiveContract, orgOfferings } from './eligibility';

export interface ServiceLine {
  service: string;
  name: string;
}

export interface MissingService extends ServiceLine {
  /** `no contract`, `contract obsolete`, `contract ended YYYY-MM-DD`, `contract starts YYYY-MM-DD`, `contract in implementation`, `SLA inactive`, `service obsolete`. */
  reason: string;
}

export interface OrgContractsLine {
  org: string;
  name: string;
  people: number;
  /** Codes of the contracts covering the org (its own and inherited ones), live or not. */
  contracts: string[];
  can: ServiceLine[];
  cannot: MissingService[];
}

export interface ContractsReport {
  date: string;
  orgs: OrgContractsLine[];
}

/** Why `service` is not offered to `org` today: the best reason among the contracts that list it. */
function reasonFor(dir: Directory, service: Service, contracts: readonly Contract[], today: string): string {
  if (service.status !== 'production') return 'service obsolete';
  const listing = contracts.filter((c) => c.services.includes(service.code));
  if (listing.length === 0) return 'no contract';
  const reasons = listing.map((c): [number, string] => {
    if (c.status === 'obsolete') return [5, 'contract obsolete'];
    if (c.status === 'implementation') return [4, 'contract in implementation'];
    if (c.end < today) return [3, `contract ended ${c.end}`];
    if (c.start > today) return [2, `contract starts ${c.start}`];
    if (dir.sla(c.sla)?.status !== 'active') return [1, 'SLA inactive'];
    return [0, isLiveContract(c, today) ? 'no production subcategory' : 'no contract'];
  });
  // the contract closest to being usable explains best (a renewal starting soon beats the one that ended)
  return reasons.sort((a, b) => a[0] - b[0])[0]![1];
}

export function contractsReport(dir: Directory, now: Date): ContractsReport {
  const today = localDate(now, dir.timezone);
  const peopleByOrg = new Map<string, number>();
  for (const p of dir.data.people) if (p.status === 'active') peopleByOrg.set(p.org, (peopleByOrg.get(p.org) ?? 0) + 1);
  const orgs = dir.data.organizations
    .filter((o: Organization) => o.status === 'active' && (peopleByOrg.get(o.code) ?? 0) > 0)
    .map((o): OrgContractsLine => {
      const contracts = dir.contractsOf(o.code);
      const offered = new Set(orgOfferings(dir, o.code, now).map((x) => x.service.code));
      const teams = new Set(dir.deliveryModelFor(o.code)?.teams ?? []);
      const listed = new Set(contracts.flatMap((c) => c.services));
      const relevant = dir.data.services.filter((s) => offered.has(s.code) || listed.has(s.code) || teams.has(s.team));
      const line = (s: Service): ServiceLine => ({ service: s.code, name: s.name });
      return {
        org: o.code,
        name: o.name,
        people: peopleByOrg.get(o.code) ?? 0,
        contracts: contracts.map((c) => c.code),
        can: relevant.filter((s) => offered.has(s.code)).map(line),
        cannot: relevant.filter((s) => !offered.has(s.code)).map((s) => ({ ...line(s), reason: reasonFor(dir, s, contracts, today) })),
      };
    });
  return { date: today, orgs };
}

/** The report as text, one block per organisation (the CLI's output). */
export function formatContractsReport(report: ContractsReport): string {
  const out = [`Contracts report ${report.date}`];
  for (const o of report.orgs) {
    out.push('', `${o.org} ${o.name} (${o.people} ${o.people === 1 ? 'person' : 'people'}; contracts: ${o.contracts.join(', ') || 'none'})`);
    for (const s of o.can) out.push(`  ok      ${s.service} ${s.name}`);
    for (const s of o.cannot) out.push(`  cannot  ${s.service} ${s.name}: ${s.reason}`);
    if (o.can.length === 0 && o.cannot.length === 0) out.push('  cannot  anything: no contract and no delivery model');
  }
  return out.join('\n');
}
