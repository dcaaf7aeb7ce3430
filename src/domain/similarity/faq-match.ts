/**
 * Matching a caller's message against the published FAQ entries (docs/domain.md §8 "FAQ matching"). Pure.
 *
 * The score of an entry is the best of: the Dice coefficient of the character n-grams (`text-similarity.ts`)
 * between the message and the entry's question, and between the message and each keyword phrase that the
 * message contains whole. A keyword phrase is a short, distinctive wording the problem manager chose
 * ("POS密码", "发票抬头"); containing it whole counts as a strong match only when the message is short enough to be
 * about it (the keyword's share of the message's n-grams, `KEYWORD_WEIGHT`). Chosen on the labelled set
 * `test/fixtures/faq-pairs.yaml` (`npm run eval:faq`): precision first, because a wrong answer sends a
 * salesperson on a detour while a missed one only costs a normal filing.
 */
import { diceOfGrams, ngramsOf, normalizeText } from './text-similarity';
import type { FaqEntry } from '../faq/faq';

/** FAQ_THRESHOLD default: the threshold the evaluation chose (README "FAQ matching"). */
export const DEFAULT_FAQ_THRESHOLD = 0.5;
/** At most this many entries are offered for one message. */
export const FAQ_OFFER_MAX = 3;

/** What matching needs of an entry. */
export type FaqMatchable = Pick<FaqEntry, 'question' | 'keywords'>;

function gramCount(grams: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const c of grams.values()) n += c;
  return n;
}

/** How well `message` asks `entry`'s question: 0 … 1. */
export function faqScore(message: string, entry: FaqMatchable): number {
  const text = normalizeText(message);
  if (text === '') return 0;
  const grams = ngramsOf(text);
  let best = diceOfGrams(grams, ngramsOf(entry.question));
  const compact = text.replace(/\s+/g, '');
  const size = gramCount(grams);
  for (const keyword of entry.keywords) {
    const k = normalizeText(keyword).replace(/\s+/g, '');
    if (k.length < 2 || !compact.includes(k)) continue;
    // The keyword's share of the message: "POS密码怎么重置" is about the keyword, a long story mentioning it is not only.
    const share = size === 0 ? 1 : Math.min(1, gramCount(ngramsOf(k)) / size);
    best = Math.max(best, 0.4 + 0.6 * share);
  }
  return best;
}

export interface FaqMatch<T extends FaqMatchable> {
  entry: T;
  score: number;
}

/** The entries scoring at least `threshold`, best first (ties: the lower id first), at most `max`. */
export function bestFaqs<T extends FaqMatchable & { id: number }>(
  message: string,
  entries: readonly T[],
  threshold: number,
  max = FAQ_OFFER_MAX,
): FaqMatch<T>[] {
  return entries
    .map((entry) => ({ entry, score: faqScore(message, entry) }))
    .filter((m) => m.score >= threshold)
    .sort((a, b) => b.score - a.score || a.entry.id - b.entry.id)
    .slice(0, max);
}
