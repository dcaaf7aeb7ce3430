/** The storm auto-join decision and its score's normalisation (src/domain/similarity/auto-join.ts, join-score.ts). */
import { type AutoJoinCandidate, decideAutoJoin, DEFAULT_AUTO_JOIN_THRESHOLD } from '../../../../src/domain/similarity/auto-join';
import { joinScore, normalizeForJoin } from '../../../../src/domain/similarity/join-score';

describe('normalizeForJoin', () => {
  it.each([
    ['emoji, punctuation, full width', '商城加载速度慢😭！！ＯＫ', '商城加载速度慢ok'],
    ['district, store, city', '天河区门店：商城加载速度慢', '商城加载速度慢'],
    ['district without 区, 这边', '我们越秀这边下单失败', '我们下单失败'],
    ['politeness and particles', '您好，麻烦看一下，商城加载速度慢，谢谢！', '商城加载速度慢'],
    ['degree adverbs and "always"', '下单一直失败，速度特别慢', '下单失败速度慢'],
    ['无法 X → X失败', '无法登录商城', '登录失败商城'],
    ['X不了 → X失败', '登录不了', '登录失败'],
    ['登陆 typo → 登录', '商城登陆不了', '商城登录失败'],
    ['下不了单 / 付不了款', '下不了单，付不了款', '下单失败支付失败'],
    ['打不开', '报表打不开', '报表打开失败'],
    ['wrong words → 错误', '价格显示不对', '价格显示错误'],
    ['Latin words keep their spaces', 'order failed 下单失败', 'order failed下单失败'],
  ])('%s', (_, text, normal) => {
    expect(normalizeForJoin(text)).toBe(normal);
    expect(normalizeForJoin(normal)).toBe(normal);
  });
});

describe('joinScore', () => {
  it.each([
    ['商城加载速度慢', '海珠区门店这边商城加载速度超级慢😭', 1],
    ['下单失败', '客户在商城下不了单，一直提示系统繁忙', 1],
    ['登录不了', '商城登陆不了', 1],
    ['下单失败', '退单失败', 2 / 3],
    ['商城加载速度慢', '商城商品图片加载不出来', 2 / 6],
    ['', '下单失败', 0],
  ])('%s ← %s: %d', (title, complaint, score) => {
    expect(joinScore(title, complaint)).toBeCloseTo(score, 6);
  });
});

describe('decideAutoJoin', () => {
  const at = (h: number) => new Date(Date.UTC(2026, 11, 2, h));
  const incident = (ref: string, title: string, extra: Partial<AutoJoinCandidate> = {}): AutoJoinCandidate => ({
    ref,
    kind: 'incident',
    title,
    service: 'BJ-MALL-PRODUCT',
    open: true,
    createdAt: at(1),
    ...extra,
  });
  const request = { text: '海珠区门店客户下不了单😭', service: 'BJ-MALL-PRODUCT' };
  const T = DEFAULT_AUTO_JOIN_THRESHOLD;

  it.each<[string, AutoJoinCandidate[], number, string | null]>([
    ['no candidates', [], T, null],
    ['the matching open incident', [incident('I-000001', '下单失败')], T, 'I-000001'],
    ['another service', [incident('I-000001', '下单失败', { service: 'BJ-OPS' })], T, null],
    ['a closed incident', [incident('I-000001', '下单失败', { open: false })], T, null],
    ['a request, not an incident', [incident('R-000001', '下单失败', { kind: 'request' })], T, null],
    ['a near miss below the threshold', [incident('I-000001', '退单失败')], T, null],
    ['the same near miss with a lower threshold', [incident('I-000001', '退单失败')], 0.6, 'I-000001'],
    ['the best score wins', [incident('I-000001', '退单失败'), incident('I-000002', '下单失败')], 0.5, 'I-000002'],
    ['a tie goes to the older incident', [incident('I-000003', '下单失败', { createdAt: at(2) }), incident('I-000004', '下单失败', { createdAt: at(1) })], T, 'I-000004'],
    ['then to the smaller ref', [incident('I-000005', '下单失败'), incident('I-000004', '下单失败')], T, 'I-000004'],
    ['threshold 1 needs the whole title', [incident('I-000001', '商城下单失败')], 1, null],
  ])('%s', (_, candidates, threshold, expected) => {
    const match = decideAutoJoin(candidates, request, threshold);
    expect(match?.incident.ref ?? null).toBe(expected);
    if (match) expect(match.score).toBeGreaterThanOrEqual(threshold);
  });
});
