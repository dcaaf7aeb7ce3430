/**
 * How well a caller's complaint matches an incident's title, for the storm auto-join (pure). The intake offer's
 * `textSimilarity` (Dice over both texts' n-grams) is left as it is; this score differs in two ways:
 * - the texts are normalised for complaints first (`normalizeForJoin`): emoji, punctuation and spaces go; district,
 *   city and store words go (天河区, 海珠区门店, 广州); politeness, degree adverbs and particles go (您好, 麻烦, 谢谢,
 *   很, 一直, 啊); the usual ways of saying "cannot X" become "X失败" (无法登录, 登录不了, 登不上 → 登录失败; 下不了单 →
 *   下单失败), a few synonyms become one word (登陆 → 登录, 付款 → 支付), and "wrong" words become 错误;
 * - it is the containment of the title's n-grams in the complaint (|T ∩ C| / |T|), not Dice: an agent's title is
 *   short ("下单失败") and a complaint may be a long story around it, which Dice punishes for its length.
 * The lists are small and written from everyday complaint wording; README "Storm auto-join threshold" gives the
 * evaluation (`npm run eval:join`) that chose the threshold on this score.
 */
import { ngramsOf, normalizeText } from './text-similarity';

/** Districts of the seed's two cities and the cities themselves: where a caller is says nothing about the problem. */
const PLACES = [
  '天河', '海珠', '白云', '番禺', '荔湾', '越秀', '黄埔', '花都', '南沙', '从化', '增城',
  '朝阳', '海淀', '东城', '西城', '丰台', '石景山', '通州', '顺义', '昌平', '大兴', '房山', '门头沟', '怀柔', '平谷', '密云', '延庆',
];
const PLACE = new RegExp(`(?:广州|北京)(?:分公司)?|(?:${PLACES.join('|')})区?(?:的)?(?:门店|分店|店)?(?:这边|那边)?`, 'gu');

/** Rewritten before the filler goes (order matters: the longer forms first). */
const REWRITES: readonly [RegExp, string][] = [
  [/登陆|登入/gu, '登录'],
  [/登不上去|登不进去|登不上|登不进/gu, '登录失败'],
  [/下不了单/gu, '下单失败'],
  [/付不了(?:款|钱)/gu, '支付失败'],
  [/付款|付钱/gu, '支付'],
  [/(?:无法|不能|没法|没办法)(\p{Script=Han}{2})/gu, '$1失败'],
  [/(\p{Script=Han}{2})(?:不了|不成功|不上去|不进去|不出来)/gu, '$1失败'],
  [/打不开/gu, '打开失败'],
  [/不对|有误|出错|错了/gu, '错误'],
];

/** Politeness, degree adverbs, "always", particles: words that never tell one problem from another. */
const FILLER = /您好|你好|老师|麻烦|请帮忙|帮忙|看一下|看下|处理一下|一下|谢谢|辛苦|非常|特别|超级|十分|有点|比较|一直|总是|老是|很|太|请|啊|呀|呢|吧|哦|嘛|了/gu;

const HAN_SPACE = /(?<=\p{Script=Han}) | (?=\p{Script=Han})/gu;

/** The complaint-oriented normal form (see the file comment); idempotent. */
export function normalizeForJoin(text: string): string {
  let s = normalizeText(text);
  s = s.replace(PLACE, ' ');
  for (const [from, to] of REWRITES) s = s.replace(from, to);
  // Spaces next to Chinese carry no meaning (ngramsOf drops them too); between Latin words they are kept.
  return s.replace(FILLER, ' ').replace(/\s+/gu, ' ').replace(HAN_SPACE, '').trim();
}

/** Containment of the title's n-grams in the complaint's: 0 … 1; an empty title matches nothing. */
export function joinScore(incidentTitle: string, complaint: string): number {
  const title = ngramsOf(normalizeForJoin(incidentTitle));
  const text = ngramsOf(normalizeForJoin(complaint));
  let size = 0;
  let shared = 0;
  for (const [gram, count] of title) {
    size += count;
    shared += Math.min(count, text.get(gram) ?? 0);
  }
  return size === 0 ? 0 : shared / size;
}
