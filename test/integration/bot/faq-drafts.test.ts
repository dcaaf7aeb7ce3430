/**
 * FAQ entries made in chat (docs/domain.md §8): an agent proposes a resolved request from its card (`faq.propose`),
 * the draft is carded to the problem managers of the service's team, who publish or discard it (`faq.publish`,
 * `faq.retire`); everyone else's clicks are refused with a sentence and change nothing. A published entry then
 * answers the next caller before filing.
 */
import { TypeormFaqStore } from '../../../src/adapters/persistence/typeorm-faq-store';
import { FaqService } from '../../../src/application/faq/faq-service';
import { createChatHandler } from '../../../src/bot/app/chat-app';
import type { ChatInboundHandler } from '../../../src/domain/ports/chat-inbound.port';
import { SYSTEM_ACTOR } from '../../../src/domain/tickets/actor';
import { chatHarness, type ChatHarness } from '../../support/chat-harness';

// BJ-MALL-PRODUCT's team bj-product-mall: zbshangchengcp is its lead, contact and problem manager.
const U = { salesA: '1000000259', salesB: '1000000296', pm: '1000000370', rd: '1000000407', admin: '1000000703', ops: '1000000333' };

describe('FAQ drafts: propose, publish, retire', () => {
  let h: ChatHarness;
  let handler: ChatInboundHandler;
  let store: TypeormFaqStore;

  beforeEach(async () => {
    h = await chatHarness();
    store = new TypeormFaqStore(h.db.gate);
    const inner = createChatHandler({ ...h.deps, faqs: new FaqService({ store, clock: h.clock }) });
    handler = {
      onCardAction: (a) => inner.onCardAction(a),
      onMessage: async (m) => {
        await inner.onMessage(m);
        await h.drain();
      },
    };
  });
  afterEach(() => h.close());

  const click = (userId: string, card: string, params: Record<string, string>) => handler.onCardAction(h.cardAction(userId, card, params));
  const lastAnswer = (userId: string) => h.gateway.privateAnswers.filter((m) => m.userId === userId).at(-1)?.message.text ?? '';

  /** A resolved BJ-MALL-PRODUCT request (its solution is the answer to publish). */
  async function resolvedRequest(): Promise<string> {
    const opened = await h.tickets.open({ person: 'bjxiaoshoua', entryPoint: 'chat' }, { service: 'BJ-MALL-PRODUCT', subcategory: 'suggestion', description: '商城APP怎么清除缓存？' });
    if (!opened.ok) throw new Error(opened.error.code);
    const ref = `R-${String(opened.value.id).padStart(6, '0')}`;
    const pm = { person: 'zbshangchengcp', entryPoint: 'card' as const };
    expect((await h.tickets.claim(pm, ref)).ok).toBe(true);
    expect((await h.tickets.resolve(pm, ref, '打开商城App，点“我的-设置-清除缓存”，确认后重新登录即可。', 'assistance')).ok).toBe(true);
    await h.drain();
    return ref;
  }

  it('an agent of the team proposes; the problem manager publishes; the entry then answers a caller before filing', async () => {
    const ref = await resolvedRequest();
    // The caller (not an agent) may not propose, by command or by the `faq.propose` action.
    await handler.onMessage(h.message(U.salesA, `提为常见问题 ${ref}`));
    expect(lastAnswer(U.salesA)).toContain('只有');
    await click(U.salesA, ref, { action: 'faq.propose', ref });
    expect(lastAnswer(U.salesA)).toContain('只有');
    expect(await store.all()).toEqual([]);

    await handler.onMessage(h.message(U.pm, `faq propose ${ref}`));
    expect(lastAnswer(U.pm)).toContain('F-000001');
    expect(await store.get(1)).toMatchObject({ status: 'draft', question: '商城APP怎么清除缓存？', service: 'BJ-MALL-PRODUCT', source: ref, author: 'zbshangchengcp' });
    const draftCard = h.gateway.cards.get('faq-F-000001');
    expect(draftCard?.spaces).toEqual([{ kind: 'dm', userId: U.pm }]);

    // Someone else's publish click (an agent of another team, a salesperson) is refused and changes nothing.
    for (const who of [U.rd, U.salesB]) {
      const refused = await click(who, 'faq-F-000001', { action: 'faq.publish', faq: 'F-000001' });
      expect(refused?.card.privateNotice?.[who]).toContain('问题经理');
    }
    expect((await store.get(1))?.status).toBe('draft');

    const published = await click(U.pm, 'faq-F-000001', { action: 'faq.publish', faq: 'F-000001' });
    expect(published?.card.privateNotice?.[U.pm]).toContain('已发布');
    expect(published?.card.privateActions[U.pm]).toEqual([]);
    expect((await store.get(1))?.status).toBe('published');

    // The next caller is answered before filing.
    const m = h.message(U.salesB, '商城app怎么清缓存');
    await handler.onMessage(m);
    expect(h.gateway.cards.get(`faq-${m.msgId}`)?.card.vars?.faq).toBe('F-000001');
    const open = await h.tickets.list(SYSTEM_ACTOR, { scope: 'by_state', states: ['new'] }, 10);
    expect(open.ok && open.value).toEqual([]);
  });

  it('retire: the problem manager discards a draft; an administrator may too; it is never offered', async () => {
    const ref = await resolvedRequest();
    await click(U.pm, ref, { action: 'faq.propose', ref });
    await click(U.admin, 'faq-F-000001', { action: 'faq.retire', faq: 'F-000001' });
    expect((await store.get(1))?.status).toBe('retired');
    const m = h.message(U.salesB, '商城app怎么清缓存');
    await handler.onMessage(m);
    expect(h.gateway.cards.has(`faq-${m.msgId}`)).toBe(false);
  });
});
