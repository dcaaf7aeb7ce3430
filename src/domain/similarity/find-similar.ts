/**
 * Picking the likely duplicate of a new report (pure; `now` is passed in): among the open requests and incidents
 * of the same service created in the last `withinHours` hours, the most similar text at or above `threshold`.
 * Ties go to an incident (it already gathers the impact), then to the older ticket (the first report).
 */
import { diceOfGrams, ngramsOf } from './text-similarity';

export interface SimilarityCandidate {
  ref: string;
  kind: 'request' | 'incident';
  text: string;
  service: string;
  open: boolean;
  createdAt: Date;
}

export interface SimilarityQuery {
  /** The new report's text and service; `ref` (when already filed) is never its own duplicate. */
  text: string;
  service: string;
  ref?: string;
  now: Date;
  /** Look back this many hours (24 on intake). */
  withinHours: number;
  /** The lowest score that counts as similar, 0 … 1. */
  threshold: number;
}

export interface SimilarMatch<C extends SimilarityCandidate> {
  candidate: C;
  score: number;
}

/** The default threshold of intake (see test/unit/domain/similarity for the seed texts' scores). */
export const DUPLICATE_THRESHOLD = 0.3;
/** The default look-back of intake. */
export const DUPLICATE_WITHIN_HOURS = 24;

const HOUR_MS = 3_600_000;

/**
 * The n-grams of recent candidate texts, kept (a pure memo: the same text always gives the same grams) because
 * every intake compares its text with the same recent tickets again. Bounded: the oldest text goes first.
 */
const GRAMS_KEPT = 5000;
const gramsMemo = new Map<string, ReadonlyMap<string, number>>();

function gramsOf(text: string): ReadonlyMap<string, number> {
  let grams = gramsMemo.get(text);
  if (!grams) {
    grams = ngramsOf(text);
    if (gramsMemo.size >= GRAMS_KEPT) gramsMemo.delete(gramsMemo.keys().next().value!);
    gramsMemo.set(text, grams);
  }
  return grams;
}

export function findSimilar<C extends SimilarityCandidate>(query: SimilarityQuery, candidates: readonly C[]): SimilarMatch<C> | null {
  const since = query.now.getTime() - query.withinHours * HOUR_MS;
  let best: SimilarMatch<C> | null = null;
  const queryGrams = ngramsOf(query.text);
  for (const candidate of candidates) {
    if (!candidate.open || candidate.service !== query.service || candidate.ref === query.ref) continue;
    const created = candidate.createdAt.getTime();
    if (created < since || created > query.now.getTime()) continue;
    const score = diceOfGrams(queryGrams, gramsOf(candidate.text));
    if (score < query.threshold) continue;
    if (!best || better({ candidate, score }, best)) best = { candidate, score };
  }
  return best;
}

function better<C extends SimilarityCandidate>(a: SimilarMatch<C>, b: SimilarMatch<C>): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.candidate.kind !== b.candidate.kind) return a.candidate.kind === 'incident';
  return a.candidate.createdAt.getTime() < b.candidate.createdAt.getTime();
}
