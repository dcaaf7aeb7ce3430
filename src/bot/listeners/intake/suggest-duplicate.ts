/**
 * Before a request is filed from chat: does it join an open incident at once, or is it a likely duplicate? One
 * read of the service's open incidents (the storm join), then, when none matches, one of its open requests and
 * incidents from the last 24 hours (the offer). A storm join: an open
 * incident whose title scores at least the auto-join threshold (`decideAutoJoin`) gets the request linked at
 * filing. Below it, the most similar text above the offer threshold (`findSimilar`); a request already in an open
 * incident stands for that incident. The suggestion is kept as a history row of the new request, written with it
 * (never a waiting step: the request is filed at once), and its caller's card then asks "Same as I-…?" with
 * `intake.join` / `intake.new`. Between the two (docs/interfaces.md "Intake from chat": FAQ → storm join → demand
 * vote offer → …): an open demand of the service matching the text (`findMatchingDemand`) is offered instead of a
 * duplicate, "+1 to D-…" (`demand.vote`, docs/demands.md "Votes"). A failure here only loses the join or the offer.
 */
import type { Log } from '../../../domain/ports/log.port';
import {
  DUPLICATE_THRESHOLD,
  DUPLICATE_WITHIN_HOURS,
  findSimilar,
  type SimilarityCandidate,
} from '../../../domain/similarity/find-similar';
import type { TicketSummary } from '../../../domain/ports/ticket-store.port';
import { decideAutoJoin, DEFAULT_AUTO_JOIN_THRESHOLD } from '../../../domain/similarity/auto-join';
import { OPEN_STATES, refOf } from '../../../domain/tickets/ticket';
import type { ChatLayerDeps } from '../../chat-deps';
import { joinTargetOf } from '../../support/ticket-relations-of';
import { DEFAULT_DEMAND_VOTE_THRESHOLD, findMatchingDemand } from '../../../domain/similarity/demand-match';
import { formatDemandRef } from '../../../domain/demands/demand';

/** The most recent open tickets of the service compared with a new request (bounded: this runs on every intake). */
const CANDIDATES_MAX = 50;

type Candidate = SimilarityCandidate & { summary: TicketSummary };

function candidateOf(t: TicketSummary & { kind: 'request' | 'incident' }): Candidate {
  return { ref: refOf(t), kind: t.kind, text: t.description || t.title, service: t.service, open: true, createdAt: t.createdAt, summary: t };
}

/** What intake does with a report about to be filed: join an incident at once (a storm), or offer a duplicate. */
export interface IntakeMatch {
  /** The open incident of the service the request joins at filing (`joinScore` ≥ the auto-join threshold). */
  join: TicketSummary | null;
  /** Else the open demand of the service to offer a vote for ("+1 to D-…"), its ref. */
  demand?: string | null;
  /** Else the likely duplicate to offer ("Same as I-…?"). */
  duplicate: TicketSummary | null;
}

/** The open demands of a service compared with a new request (bounded: this runs on every intake). */
const DEMANDS_MAX = 200;

/** The open demand of the service whose text the report matches (`findMatchingDemand`), or null. */
async function matchingDemandOf(deps: ChatLayerDeps, report: { text: string; service: string }, log: Log): Promise<string | null> {
  if (!deps.demands) return null;
  const open = await deps.demands.list({ scope: { teams: [], services: [report.service] }, state: 'open', limit: DEMANDS_MAX });
  const match = findMatchingDemand(open, report, deps.demandVoteThreshold ?? DEFAULT_DEMAND_VOTE_THRESHOLD);
  if (!match) return null;
  const ref = formatDemandRef(match.demand.id);
  log.info('chat.intake.demand_offered', { demand: ref, score: Number(match.score.toFixed(3)) });
  return ref;
}

/**
 * The storm join or the likely duplicate of a report about to be filed (`text`, `service`): an open incident of
 * the service (however old, however many requests joined since) whose title scores ≥ `autoJoinThreshold`
 * (`decideAutoJoin`) is joined; else the open ticket to offer instead (a request in an open incident stands for
 * that incident), or nothing. Read-only: the caller files (and links) in one opening transaction.
 */
/** Problems (docs/domain.md §9) are never joined or offered as duplicates. */
const isReport = (t: TicketSummary): t is TicketSummary & { kind: 'request' | 'incident' } => t.kind !== 'problem';

export async function intakeMatchOf(deps: ChatLayerDeps, report: { text: string; service: string }, log: Log): Promise<IntakeMatch> {
  try {
    const now = deps.clock.now();
    const since = new Date(now.getTime() - DUPLICATE_WITHIN_HOURS * 3600_000);
    // The service's open incidents apart from its recent tickets: in a storm the requests joined to an incident
    // soon outnumber any window of recent tickets, and the incident must stay a candidate for the next ones.
    const incidents = await deps.tickets.summaries({ scope: 'by_service', service: report.service, states: [...OPEN_STATES], kind: 'incident' }, CANDIDATES_MAX);
    const threshold = deps.autoJoinThreshold ?? DEFAULT_AUTO_JOIN_THRESHOLD;
    const storm = incidents.ok ? decideAutoJoin(incidents.value.filter(isReport).map((t) => ({ ...candidateOf(t), title: t.title })), report, threshold) : null;
    if (storm) {
      log.info('chat.intake.auto_join', { incident: storm.incident.ref, score: Number(storm.score.toFixed(3)) });
      return { join: storm.incident.summary, duplicate: null };
    }
    const demand = await matchingDemandOf(deps, report, log);
    if (demand) return { join: null, demand, duplicate: null };
    const listed = await deps.tickets.summaries({ scope: 'by_service', service: report.service, states: [...OPEN_STATES], createdAfter: since }, CANDIDATES_MAX);
    if (!listed.ok) return { join: null, duplicate: null };
    return { join: null, duplicate: await likelyDuplicateIn(deps, report, listed.value.filter(isReport), now, log) };
  } catch (e) {
    log.warn('chat.intake.duplicate_search_failed', { error: (e as Error).message });
    return { join: null, duplicate: null };
  }
}

async function likelyDuplicateIn(
  deps: ChatLayerDeps,
  report: { text: string; service: string },
  listed: readonly (TicketSummary & { kind: 'request' | 'incident' })[],
  now: Date,
  log: Log,
): Promise<TicketSummary | null> {
  {
    const match = findSimilar(
      { text: report.text, service: report.service, now, withinHours: DUPLICATE_WITHIN_HOURS, threshold: DUPLICATE_THRESHOLD },
      listed.map(candidateOf),
    );
    if (!match) return null;
    const target = await joinTargetOf(deps, match.candidate.summary);
    if (!target || target.service !== report.service) return null;
    log.info('chat.intake.likely_duplicate', { similarTo: refOf(target), score: Number(match.score.toFixed(3)) });
    return target;
  }
}
