/** Reading free text: keyword matching among the caller's eligible subcategories, urgency words, picker order. */
import { eligibleOfferings } from '../../../../../src/domain/directory/eligibility';
import { isUrgent, matchOfferings, pickerOrder, urgencyOf } from '../../../../../src/bot/listeners/intake/intake-match';
import { demoDirectory, WORKDAY_10AM } from '../../../../support/demo';

const dir = demoDirectory();
const offeringsOf = (personId: string) => eligibleOfferings(dir, dir.person(personId)!, WORKDAY_10AM);
const codes = (list: ReturnType<typeof offeringsOf>) => list.map((o) => `${o.service.code}/${o.subcategory.code}`);

describe('matchOfferings', () => {
  const sales = offeringsOf('bjxiaoshoua');

  it.each([
    ['商户A昨天订了1斤葡萄，今天没有送货', ['BJ-SALES-OPS/consult']],
    ['客户打 400 投诉', ['BJ-SALES-OPS/complaint']],
    ['我的电脑蓝屏了', ['BJ-IT/hardware']],
    ['商城下单失败，页面加载也很慢', ['BJ-OPS/outage', 'BJ-MALL-PRODUCT/bug']],
    ['Found a BUG in the cart', ['BJ-MALL-PRODUCT/bug']],
    ['你好', []],
  ])('%s → %j', (text, expected) => {
    expect(codes(matchOfferings(text, sales))).toEqual(expected);
  });

  it('only the caller\'s eligible subcategories can match (BJ-MALL-RD is not contracted for sales)', () => {
    const dev = dir.service('BJ-MALL-RD')!;
    expect(sales.some((o) => o.service.code === dev.code)).toBe(false);
    expect(codes(matchOfferings('集中解决bug', sales))).toEqual(['BJ-MALL-PRODUCT/bug']);
  });

  it('an organisation without a contract has nothing to match', () => {
    expect(offeringsOf('kehua')).toEqual([]);
  });
});

describe('pickerOrder', () => {
  it('puts the matches first and then every other eligible offering, each once', () => {
    const sales = offeringsOf('bjxiaoshoua');
    const matches = matchOfferings('下单失败 很慢', sales);
    const order = codes(pickerOrder(sales, matches));
    expect(order.slice(0, 2)).toEqual(codes(matches));
    expect([...order].sort()).toEqual(codes(sales).sort());
  });
});

describe('urgency', () => {
  it.each([
    ['紧急：打印机坏了', true],
    ['请加急处理', true],
    ['十万火急！', true],
    ['URGENT printer broken', true],
    ['please fix asap', true],
    ['ASAP!!', true],
    ['不紧急，有空看看', false],
    ['非紧急', false],
    ['not urgent, whenever', false],
    ['wasapp is slow', false],
    ['打印机卡纸', false],
  ])('%s → %s', (text, urgent) => {
    expect(isUrgent(text)).toBe(urgent);
    expect(urgencyOf(text)).toBe(urgent ? 1 : 3);
  });
});
