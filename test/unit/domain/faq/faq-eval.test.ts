/** The FAQ threshold on the labelled set (test/fixtures/faq-pairs.yaml; `npm run eval:faq`): precision first. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_FAQ_THRESHOLD, bestFaqs } from '../../../../src/domain/similarity/faq-match';
import { faqPairsOf, faqSummaryLine, pickFaqThreshold, scoreFaqPairs, sweepFaq } from '../../../../scripts/eval-faq-core';

const file = path.resolve(__dirname, '../../../fixtures/faq-pairs.yaml');
const pairs = faqPairsOf(parse(readFileSync(file, 'utf8')));

describe('FAQ matching on the labelled set', () => {
  it('has at least 150 labelled pairs, both kinds', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(150);
    expect(pairs.filter((p) => p.same).length).toBeGreaterThanOrEqual(50);
    expect(pairs.filter((p) => !p.same).length).toBeGreaterThanOrEqual(50);
  });

  it('reaches precision ≥ 0.9 at the configured default threshold (recall reported, at least half)', () => {
    const [row] = sweepFaq(scoreFaqPairs(pairs), [DEFAULT_FAQ_THRESHOLD]);
    expect(row!.precision).toBeGreaterThanOrEqual(0.9);
    expect(row!.recall).toBeGreaterThanOrEqual(0.5);
    expect(faqSummaryLine(pairs.length, row!)).toMatch(/^eval:faq: \d+ pairs; threshold 0\.50; precision 0\.\d\d; recall 0\.\d\d$/);
  });

  it('the default is the threshold the rule picks on the set', () => {
    expect(pickFaqThreshold(sweepFaq(scoreFaqPairs(pairs)))?.threshold).toBe(DEFAULT_FAQ_THRESHOLD);
  });

  it('never answers the seed replay\'s and the benchmarks\' messages with any entry of the set', () => {
    const data = parse(readFileSync(file, 'utf8')) as { faqs: Array<{ question: string; keywords: string[] }>; never: string[] };
    const entries = data.faqs.map((f, i) => ({ id: i + 1, question: f.question, keywords: f.keywords }));
    for (const message of data.never) expect(bestFaqs(message, entries, DEFAULT_FAQ_THRESHOLD)).toEqual([]);
  });

  it('offers the best three at most, best first', () => {
    const entries = [1, 2, 3, 4].map((id) => ({ id, question: `POS机密码忘了怎么重置${'？'.repeat(id)}`, keywords: ['POS密码'] }));
    const found = bestFaqs('POS密码忘了怎么重置', entries, DEFAULT_FAQ_THRESHOLD);
    expect(found).toHaveLength(3);
    expect(found[0]!.score).toBeGreaterThanOrEqual(found[2]!.score);
  });
});
