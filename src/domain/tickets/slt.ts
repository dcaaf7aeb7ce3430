/**
 * SLT lookup (docs/domain.md §2 last rule): by (customer org, service, the contract's SLA, priority, request type);
 * several matches → the shortest wins; none → no deadline, and the ticket says so. A `"*"` row covers requests and
 * incidents, never problems: only a row of request type `problem` applies to a problem (docs/domain.md §9).
 */
import type { Directory } from '../directory/directory';
import { isLiveContract } from '../directory/eligibility';
import type { RequestType, SltRequestType, SlaMetric } from '../directory/directory.types';
import { durationToSeconds } from '../calendar/duration';
import { localDate } from '../shared/local-date';
import type { Level1to4 } from './ticket';

export interface SltTarget {
  sla: string;
  contract: string;
  calendar: string;
  seconds: number;
}

export interface SltLookup {
  tto: SltTarget | null;
  ttr: SltTarget | null;
}

export interface SltQuery {
  org: string;
  service: string;
  priority: Level1to4;
  requestType: SltRequestType;
  now: Date;
}

function sltApplies(row: SltRequestType | '*', wanted: SltRequestType): boolean {
  return row === wanted || (row === '*' && wanted !== 'problem');
}

/** The request type a ticket's SLT rows are looked up with: `problem` for a problem, else its own. */
export function sltRequestTypeOf(t: { kind: string; requestType: RequestType }): SltRequestType {
  return t.kind === 'problem' ? 'problem' : t.requestType;
}

export function lookupSlt(dir: Directory, q: SltQuery): SltLookup {
  const today = localDate(q.now, dir.timezone);
  const best: Record<SlaMetric, SltTarget | null> = { tto: null, ttr: null };
  for (const contract of dir.contractsOf(q.org)) {
    if (!isLiveContract(contract, today) || !contract.services.includes(q.service)) continue;
    const sla = dir.sla(contract.sla);
    if (!sla || sla.status !== 'active') continue;
    for (const t of sla.targets) {
      if (t.priority !== q.priority || !sltApplies(t.requestType, q.requestType)) continue;
      const seconds = durationToSeconds(t.value, t.unit);
      const cur = best[t.metric];
      if (!cur || seconds < cur.seconds) {
        best[t.metric] = { sla: sla.code, contract: contract.code, calendar: sla.calendar, seconds };
      }
    }
  }
  return best;
}
