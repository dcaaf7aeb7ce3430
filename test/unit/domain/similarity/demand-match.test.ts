import type { Demand } from '../../../../src/domain/demands/demand';
import { DEFAULT_DEMAND_VOTE_THRESHOLD, demandScore, findMatchingDemand } from '../../../../src/domain/similarity/demand-match';

const at = new Date('2026-12-01T02:00:00Z');
const demand = (over: Partial<Demand>): Demand => ({
  id: 1,
  title: '希望商城后台增加批量导出订单的功能',
  description: '希望商城后台增加批量导出订单的功能，现在只能一条条复制\n\n转产品评估',
  caller: 'bjxiaoshoua',
  service: 'mall',
  team: 'bj-product-mall',
  sourceRefs: ['R-000001'],
  votes: 1,
  state: 'open',
  createdAt: at,
  updatedAt: at,
  ...over,
});

describe('demandScore (the "+1 to D-…" offer)', () => {
  // The scores of seed-like texts against the threshold: the same wish in other words is offered, a fault or
  // another wish of the same service is not.
  const same = ['商城后台能不能加一个批量导出订单的功能', '希望商城后台可以批量导出订单', '希望增加批量导出订单功能'];
  const other = ['商城后台订单导出太慢了', '商城下单失败', '商户A昨天订了1斤葡萄，今天没有送货', '希望商城支持微信支付'];
  it.each(same)('offers the demand for "%s"', (text) => {
    expect(demandScore(demand({}), text)).toBeGreaterThanOrEqual(DEFAULT_DEMAND_VOTE_THRESHOLD);
  });
  it.each(other)('does not offer it for "%s"', (text) => {
    expect(demandScore(demand({}), text)).toBeLessThan(DEFAULT_DEMAND_VOTE_THRESHOLD);
  });
  it('compares English texts too', () => {
    const d = demand({ title: 'Please add bulk export of orders to the mall backend', description: 'Please add bulk export of orders to the mall backend' });
    expect(demandScore(d, 'please add a bulk order export to the mall backend')).toBeGreaterThanOrEqual(DEFAULT_DEMAND_VOTE_THRESHOLD);
    expect(demandScore(d, 'mall backend login fails')).toBeLessThan(DEFAULT_DEMAND_VOTE_THRESHOLD);
  });
});

describe('findMatchingDemand', () => {
  const text = '希望商城后台可以批量导出订单';
  it('only open demands of the same service', () => {
    expect(findMatchingDemand([demand({ state: 'accepted' })], { text, service: 'mall' }, 0.5)).toBeNull();
    expect(findMatchingDemand([demand({ service: 'crm' })], { text, service: 'mall' }, 0.5)).toBeNull();
    expect(findMatchingDemand([demand({})], { text, service: 'mall' }, 0.5)?.demand.id).toBe(1);
  });
  it('the best score wins; a tie goes to more votes, then the older demand', () => {
    const a = demand({ id: 1 });
    const b = demand({ id: 2, votes: 3 });
    const c = demand({ id: 3, title: '希望商城后台可以批量导出订单', description: '希望商城后台可以批量导出订单' });
    expect(findMatchingDemand([a, b, c], { text, service: 'mall' }, 0.5)?.demand.id).toBe(3);
    expect(findMatchingDemand([a, b], { text, service: 'mall' }, 0.5)?.demand.id).toBe(2);
    expect(findMatchingDemand([b, { ...a, votes: 3 }], { text, service: 'mall' }, 0.5)?.demand.id).toBe(1);
  });
  it('nothing at or above the threshold: null', () => {
    expect(findMatchingDemand([demand({})], { text: '商城下单失败', service: 'mall' }, 0.5)).toBeNull();
  });
});
