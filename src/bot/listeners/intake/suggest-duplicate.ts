/**
 * Before a request is filed from chat: is it a likely duplicate? Among the open requests and incidents of the
 * same service from the last 24 hours (every ticket the system sees), the most similar text above the threshold
 * (`domain/similarity`). A request already in an open incident stands for that incident. The suggestion is kept
 * as a history row of the new request, written with it (never a waiting step: the request is filed at once), and
 * its caller's card then asks "Same as I-…?" with `intake.join` / `intake.new`. A failure here only loses the suggestion.
 */
import type { Log } from '../../../domain/ports/log.port';
import {
  DUPLICATE_THRESHOLD,
  DUPLICATE_WITHIN_HOURS,
  findSimilar,
  type SimilarityCandidate,
} from '../../../domain/similarity/find-similar';
import type { TicketSummary } from '../../../domain/ports/ticket-store.port';
import { OPEN_STATES, refOf } from '../../../domain/tickets/ticket';
import type { ChatLayerDeps } from '../../chat-deps';
import { joinTargetOf } from '../../support/ticket-relations-of';

/** The most recent open tickets of the service compared with a new request (bounded: this runs on every intake). */
const CANDIDATES_MAX = 50;

type Candidate = SimilarityCandidate & { summary: TicketSummary };

function candidateOf(t: TicketSummary): Candidate {
  return { ref: refOf(t), kind: t.kind, text: t.description || t.title, service: t.service, open: true, createdAt: t.createdAt, summary: t };
}

/**
 * The likely duplicate of a report about to be filed (`text`, `service`): the open ticket to offer instead
 * (a request in an open incident stands for that incident), or null. Read-only: the caller records the
 * suggestion with the new request, in its opening transaction.
 */
export async function likelyDuplicateOf(deps: ChatLayerDeps, report: { text: string; service: string }, log: Log): Promise<TicketSummary | null> {
  try {
    const now = deps.clock.now();
    const since = new Date(now.getTime() - DUPLICATE_WITHIN_HOURS * 3600_000);
    const listed = await deps.tickets.summaries({ scope: 'by_service', service: report.service, states: [...OPEN_STATES], createdAfter: since }, CANDIDATES_MAX);
    if (!listed.ok) return null;
    const match = findSimilar(
      { text: report.text, service: report.service, now, withinHours: DUPLICATE_WITHIN_HOURS, threshold: DUPLICATE_THRESHOLD },
      listed.value.map(candidateOf),
    );
    if (!match) return null;
    const target = await joinTargetOf(deps, match.candidate.summary);
    if (!target || target.service !== report.service) return null;
    log.info('chat.intake.likely_duplicate', { similarTo: refOf(target), score: Number(match.score.toFixed(3)) });
    return target;
  } catch (e) {
    log.warn('chat.intake.duplicate_search_failed', { error: (e as Error).message });
    return null;
  }
}
