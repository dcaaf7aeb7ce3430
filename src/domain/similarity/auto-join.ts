/**
 * The storm auto-join decision (pure): a new request (every message still files one) whose text matches an open
 * incident of its own service with `joinScore` ≥ the auto-join threshold is linked to that incident at once; below
 * it, intake's "Same as I-…? [join] [new]" offer stays (`find-similar.ts`). Only incidents are joined (a request
 * is offered, never joined); the incident's title is compared (an agent's short name of the problem). The best
 * score wins; a tie goes to the older incident (the first to gather the storm), then to the smaller ref.
 */
import { joinScore } from './join-score';
import type { SimilarityCandidate } from './find-similar';

/**
 * The default AUTO_JOIN_THRESHOLD: chosen by `npm run eval:join` on test/fixtures/join-pairs.yaml (153 pairs;
 * precision 0.95, recall 0.64 there; README "Storm auto-join threshold").
 */
export const DEFAULT_AUTO_JOIN_THRESHOLD = 0.7;

export type AutoJoinCandidate = Pick<SimilarityCandidate, 'ref' | 'kind' | 'service' | 'open' | 'createdAt'> & { title: string };

export interface AutoJoinMatch<C extends AutoJoinCandidate> {
  incident: C;
  score: number;
}

/**
 * The incident to join the new request to, or null (none of its service open, or none scoring ≥ `threshold`,
 * a number in (0, 1]).
 */
export function decideAutoJoin<C extends AutoJoinCandidate>(
  candidates: readonly C[],
  request: { text: string; service: string },
  threshold: number,
): AutoJoinMatch<C> | null {
  let best: AutoJoinMatch<C> | null = null;
  for (const incident of candidates) {
    if (incident.kind !== 'incident' || !incident.open || incident.service !== request.service) continue;
    const score = joinScore(incident.title, request.text);
    if (score < threshold) continue;
    if (!best || better({ incident, score }, best)) best = { incident, score };
  }
  return best;
}

function better<C extends AutoJoinCandidate>(a: AutoJoinMatch<C>, b: AutoJoinMatch<C>): boolean {
  if (a.score !== b.score) return a.score > b.score;
  const ta = a.incident.createdAt.getTime();
  const tb = b.incident.createdAt.getTime();
  if (ta !== tb) return ta < tb;
  return a.incident.ref < b.incident.ref;
}
