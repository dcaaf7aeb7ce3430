/** Text similarity and the duplicate pick, with the seed's test-case texts (docs/domain.md §5). */
import {
  DUPLICATE_THRESHOLD,
  DUPLICATE_WITHIN_HOURS,
  findSimilar,
  type SimilarityCandidate,
} from '../../../../src/domain/similarity/find-similar';
import { ngramsOf, normalizeText, textSimilarity } from '../../../../src/domain/similarity/text-similarity';

const ORDER_FAILS_1 = '商城下单失败，客户无法付款'; // bjxiaoshoua
const ORDER_FAILS_2 = '下单失败了，客户付不了款'; // gzxiaoshoua
const SLOW_BAIYUN = '白云区：商城加载速度慢';
const SLOW_TIANHE_1 = '天河区：商城加载速度慢';
const SLOW_TIANHE_2 = '天河区商城加载速度很慢，页面打不开';
const GRAPES = '商户A昨天订了1斤葡萄，今天没有送货';
const COMPLAINT = '400客诉：缺货商品没有提前公告';

describe('normalizeText / ngramsOf', () => {
  it('folds width and case, and turns punctuation and spaces into one space', () => {
    expect(normalizeText('  ＡＢＣ，下单　失败!!  ')).toBe('abc 下单 失败');
  });
  it('cuts Chinese into bigrams and Latin text into trigrams', () => {
    expect([...ngramsOf('下单失败').keys()]).toEqual(['下单', '单失', '失败']);
    expect([...ngramsOf('Mall').keys()]).toEqual(['mal', 'all']);
  });
  it('keeps a text too short for an n-gram as one gram', () => {
    expect(textSimilarity('慢', '慢')).toBe(1);
    expect(textSimilarity('', '')).toBe(0);
  });
});

describe('textSimilarity', () => {
  it.each([
    [ORDER_FAILS_1, ORDER_FAILS_2, 0.38],
    [SLOW_BAIYUN, SLOW_TIANHE_1, 0.77],
    [SLOW_BAIYUN, SLOW_TIANHE_2, 0.42],
    [SLOW_TIANHE_1, SLOW_TIANHE_2, 0.42],
    ['Order placement fails on the mall', 'The mall order placement is failing', 0.7],
    ['ＡＢＣ下单失败', 'abc 下单失败', 1],
  ])('"%s" ~ "%s" (≥ %d): similar', (a, b, atLeast) => {
    const score = textSimilarity(a, b);
    expect(score).toBeGreaterThanOrEqual(atLeast);
    expect(score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(textSimilarity(b, a)).toBe(score);
  });

  it.each([
    [ORDER_FAILS_1, SLOW_BAIYUN],
    [ORDER_FAILS_1, GRAPES],
    [COMPLAINT, SLOW_TIANHE_1],
    [COMPLAINT, ORDER_FAILS_2],
    ['商城下单失败', '商城加载速度慢'],
    ['Order placement fails on the mall', 'Mall loads slowly'],
  ])('"%s" vs "%s": not similar', (a, b) => {
    expect(textSimilarity(a, b)).toBeLessThan(DUPLICATE_THRESHOLD);
  });
});

describe('findSimilar', () => {
  const now = new Date('2026-12-02T02:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const candidate = (ref: string, text: string, extra: Partial<SimilarityCandidate> = {}): SimilarityCandidate => ({
    ref,
    kind: ref.startsWith('I-') ? 'incident' : 'request',
    text,
    service: 'BJ-MALL-PRODUCT',
    open: true,
    createdAt: hoursAgo(1),
    ...extra,
  });
  const query = { text: ORDER_FAILS_2, service: 'BJ-MALL-PRODUCT', now, withinHours: DUPLICATE_WITHIN_HOURS, threshold: DUPLICATE_THRESHOLD };

  it('picks the most similar open ticket of the same service', () => {
    const found = findSimilar(query, [candidate('R-000001', GRAPES), candidate('R-000002', ORDER_FAILS_1), candidate('R-000003', SLOW_BAIYUN)]);
    expect(found?.candidate.ref).toBe('R-000002');
    expect(found?.score).toBeCloseTo(0.381, 3);
  });

  it('ignores other services, closed tickets, old tickets, the report itself and weak matches', () => {
    expect(
      findSimilar({ ...query, ref: 'R-000009' }, [
        candidate('R-000001', ORDER_FAILS_1, { service: 'BJ-OPS' }),
        candidate('R-000002', ORDER_FAILS_1, { open: false }),
        candidate('R-000003', ORDER_FAILS_1, { createdAt: hoursAgo(25) }),
        candidate('R-000004', ORDER_FAILS_1, { createdAt: hoursAgo(-1) }),
        candidate('R-000009', ORDER_FAILS_2),
        candidate('R-000005', SLOW_TIANHE_1),
      ]),
    ).toBeNull();
  });

  it('takes N hours and the threshold as parameters', () => {
    const old = [candidate('R-000003', ORDER_FAILS_1, { createdAt: hoursAgo(30) })];
    expect(findSimilar(query, old)).toBeNull();
    expect(findSimilar({ ...query, withinHours: 48 }, old)?.candidate.ref).toBe('R-000003');
    expect(findSimilar({ ...query, threshold: 0.5 }, [candidate('R-000002', ORDER_FAILS_1)])).toBeNull();
  });

  it('prefers an incident on a tie, then the older ticket', () => {
    const tie = [
      candidate('R-000004', ORDER_FAILS_1, { createdAt: hoursAgo(1) }),
      candidate('R-000002', ORDER_FAILS_1, { createdAt: hoursAgo(2) }),
    ];
    expect(findSimilar(query, tie)?.candidate.ref).toBe('R-000002');
    expect(findSimilar(query, [...tie, candidate('I-000005', ORDER_FAILS_1)])?.candidate.ref).toBe('I-000005');
  });

  it('groups the three 加载速度慢 reports', () => {
    const q = { ...query, service: 'BJ-OPS', text: SLOW_TIANHE_2 };
    const found = findSimilar(q, [candidate('R-000010', SLOW_BAIYUN, { service: 'BJ-OPS', createdAt: hoursAgo(3) }), candidate('R-000011', SLOW_TIANHE_1, { service: 'BJ-OPS', createdAt: hoursAgo(2) })]);
    expect(found?.candidate.ref).toBe('R-000011'); // the other 天河 report is the closest
    expect(findSimilar(q, [candidate('R-000010', SLOW_BAIYUN, { service: 'BJ-OPS', createdAt: hoursAgo(3) })])?.candidate.ref).toBe('R-000010');
  });
});
