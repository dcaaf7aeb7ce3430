/**
 * The "+1 to D-…" offer of intake (docs/demands.md "Votes"; pure): a request about to be filed is compared with the
 * open demands of its own service, and the most similar one at or above the threshold is offered. A demand is
 * compared by its title and by the request text it was made from (its description up to the agent's note, and
 * the whole description): the best of the three Dice scores (`textSimilarity`, the duplicate offer's measure).
 */
import type { Demand } from '../demands/demand';
import { textSimilarity } from './text-similarity';

/**
 * The default DEMAND_VOTE_THRESHOLD. Above the duplicate offer's 0.3 (`DUPLICATE_THRESHOLD`): accepting a vote
 * resolves the request, so the offer should only name a demand that asks for the same thing (the seed texts'
 * scores: test/unit/domain/similarity/demand-match.test.ts).
 */
export const DEFAULT_DEMAND_VOTE_THRESHOLD = 0.5;

export interface DemandMatch {
  demand: Demand;
  score: number;
}

/** How similar a request text is to a demand: 0 … 1. */
export function demandScore(demand: Pick<Demand, 'title' | 'description'>, text: string): number {
  const firstPart = demand.description.split('\n\n')[0] ?? '';
  return Math.max(textSimilarity(demand.title, text), textSimilarity(firstPart, text), textSimilarity(demand.description, text));
}

/**
 * The open demand of `request.service` to offer, or null. Ties go to the demand with more votes, then the older.
 */
export function findMatchingDemand(demands: readonly Demand[], request: { text: string; service: string }, threshold: number): DemandMatch | null {
  let best: DemandMatch | null = null;
  for (const demand of demands) {
    if (demand.state !== 'open' || demand.service !== request.service) continue;
    const score = demandScore(demand, request.text);
    if (score < threshold) continue;
    if (!best || score > best.score || (score === best.score && (demand.votes > best.demand.votes || (demand.votes === best.demand.votes && demand.id < best.demand.id)))) {
      best = { demand, score };
    }
  }
  return best;
}
