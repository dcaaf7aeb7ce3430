/**
 * Answered before filing (docs/domain.md §8), through the chat layer on SQLite with the recording gateway and an
 * injected clock: the FAQ card instead of a filing, Solved → a deflected request (resolved, code `faq`, no card, no
 * outbox event), I still need help → a normal filing whose agents' card names the entry, the 30-minute expiry, the
 * writer-only buttons, the `faq` search and `faq stats` commands with their permissions, and the counters.
 */
import { TypeormFaqStore } from '../../../src/adapters/persistence/typeorm-faq-store';
import { FaqService } from '../../../src/application/faq/faq-service';
import { createChatHandler } from '../../../src/bot/app/chat-app';
import type { FaqCounter } from '../../../src/domain/faq/faq';
import type { CardView } from '../../../src/domain/ports/chat-gateway.port';
import type { ChatInboundHandler } from '../../../src/domain/ports/chat-inbound.port';
import { SYSTEM_ACTOR } from '../../../src/domain/tickets/actor';
import { chatHarness, type ChatHarness } from '../../support/chat-harness';

const U = { salesA: '1000000259', salesB: '1000000296', ops: '1000000333', admin: '1000000703', pm: '1000000370' };
const DELIVERY_FAQ = {
  code: 'delivery-time',
  question: '商户订的货什么时候送到？',
  answer: '当天 16 点前的订单次日上午送达；在“我的订单”里可以查看配送进度。',
  service: 'BJ-SALES-OPS',
  subcategory: 'consult',
  keywords: ['什么时候送到', '送货时间', '配送进度'],
  status: 'published' as const,
};

describe('FAQ answered before filing', () => {
  let h: ChatHarness;
  let handler: ChatInboundHandler;
  let faqStore: TypeormFaqStore;
  const counted: Array<[FaqCounter, string, string]> = [];

  beforeEach(async () => {
    h = await chatHarness();
    faqStore = new TypeormFaqStore(h.db.gate);
    await faqStore.importEntries([DELIVERY_FAQ], { prune: false, now: h.clock.now() });
    const faqs = new FaqService({ store: faqStore, clock: h.clock, metrics: { counted: (c, f, s) => void counted.push([c, f, s]) } });
    const inner = createChatHandler({ ...h.deps, faqs });
    handler = {
      onCardAction: (a) => inner.onCardAction(a),
      onMessage: async (m) => {
        await inner.onMessage(m);
        await h.drain();
      },
    };
    counted.length = 0;
  });
  afterEach(() => h.close());

  const allTickets = async () => {
    const r = await h.tickets.list(SYSTEM_ACTOR, { scope: 'by_state', states: ['new', 'assigned', 'pending', 'resolved', 'closed'] }, 100);
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  };
  const ask = async (userId: string, text: string) => {
    const m = h.message(userId, text);
    await handler.onMessage(m);
    return `faq-${m.msgId}`;
  };
  const click = async (userId: string, cardId: string, action: string, faq = 'F-000001') => {
    const answer = await handler.onCardAction(h.cardAction(userId, cardId, { action, faq }));
    return answer?.card as CardView | undefined;
  };
  const noticeOf = (card: CardView | undefined, userId: string) => card?.privateNotice?.[userId] ?? '';

  it('answers a known question with the FAQ card instead of filing, and Solved records a deflected request nobody is carded for', async () => {
    const cardId = await ask(U.salesA, '请问商户订的货什么时候送到？');
    const card = h.gateway.cards.get(cardId);
    expect(card?.card.vars).toMatchObject({ faq: 'F-000001', question: DELIVERY_FAQ.question, answer: DELIVERY_FAQ.answer });
    expect(card?.card.privateActions[U.salesA]?.map((a) => a.action)).toEqual(['faq.solved', 'faq.still_help']);
    expect(await allTickets()).toEqual([]);
    expect(counted).toEqual([['shown', 'F-000001', 'BJ-SALES-OPS']]);

    const after = await click(U.salesA, cardId, 'faq.solved');
    expect(noticeOf(after, U.salesA)).toContain('F-000001');
    const [ticket] = await allTickets();
    expect(ticket).toMatchObject({ status: 'resolved', resolutionCode: 'faq', solution: 'F-000001', origin: 'chat', caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS' });
    // No card, no notice, no event for the service team: nothing in the outbox, no ticket card anywhere.
    expect(await h.drain()).toBe(0);
    expect([...h.gateway.cards.keys()].filter((id) => id.startsWith('R-'))).toEqual([]);
    expect(h.gateway.messages).toEqual([]);
    expect(counted.map((c) => c[0])).toEqual(['shown', 'solved']);
    expect((await faqStore.get(1))).toMatchObject({ shown: 1, solved: 1, stillHelp: 0 });
    // A second click files nothing more.
    await click(U.salesA, cardId, 'faq.still_help');
    expect(await allTickets()).toHaveLength(1);
  });

  it('I still need help files the request as any other, with the FAQ in its history and on the agents\' card', async () => {
    const cardId = await ask(U.salesB, '送货时间是几点？客户一直在问');
    const after = await click(U.salesB, cardId, 'faq.still_help');
    const [ticket] = await allTickets();
    expect(ticket).toMatchObject({ status: 'new', service: 'BJ-SALES-OPS', description: '送货时间是几点？客户一直在问' });
    expect(noticeOf(after, U.salesB)).toContain(`R-${String(ticket!.id).padStart(6, '0')}`);
    await h.drain();
    const history = await h.tickets.history(SYSTEM_ACTOR, `R-${String(ticket!.id).padStart(6, '0')}`);
    expect(history.ok && history.value.some((r) => r.action === 'faq_shown' && r.changes.some((c) => c.to === 'F-000001'))).toBe(true);
    // The service team's contact holds the ticket card, which names the FAQ the caller saw.
    const agentCard = h.gateway.cardOf(U.ops);
    expect(agentCard?.outTrackId).toMatch(/^R-/);
    expect(agentCard?.card.fields.map((f) => f.value).join('\n')).toContain('F-000001');
    expect((await faqStore.get(1))).toMatchObject({ shown: 1, solved: 0, stillHelp: 1 });
  });

  it('files nothing when the answer is clicked more than 30 minutes later, and only the writer may click', async () => {
    const cardId = await ask(U.salesA, '商户订的货什么时候送到');
    const other = await click(U.salesB, cardId, 'faq.solved');
    expect(noticeOf(other, U.salesB)).toBeTruthy();
    expect(await allTickets()).toEqual([]);

    h.clock.advance(31 * 60_000);
    const late = await click(U.salesA, cardId, 'faq.still_help');
    expect(noticeOf(late, U.salesA)).toContain('30');
    expect(await allTickets()).toEqual([]);
    expect(late?.privateActions[U.salesA]).toEqual([]);
  });

  it('a message processed again after its answer (replay, sweep) has no second effect', async () => {
    const m = h.message(U.salesA, '商户订的货什么时候送到');
    await handler.onMessage(m);
    await click(U.salesA, `faq-${m.msgId}`, 'faq.solved');
    const calls = h.gateway.cardCalls.length;
    await handler.onMessage(m);
    expect(h.gateway.cardCalls.length).toBe(calls);
    expect(await allTickets()).toHaveLength(1);
    expect((await faqStore.get(1))).toMatchObject({ shown: 1, solved: 1 });
  });

  it('files other messages as today (no FAQ card)', async () => {
    const m = h.message(U.salesA, '商户A昨天订了1斤葡萄，今天没有送货');
    await handler.onMessage(m);
    expect(h.gateway.cards.has(`faq-${m.msgId}`)).toBe(false);
    expect(await allTickets()).toHaveLength(1);
  });

  it('faq <words> searches, and faq stats answers problem managers and administrators only', async () => {
    const answers = (userId: string) => h.gateway.privateAnswers.filter((m) => m.userId === userId).map((m) => m.message.text);
    await handler.onMessage(h.message(U.salesA, '知识库 送货时间'));
    expect(answers(U.salesA).at(-1)).toContain('F-000001');
    await handler.onMessage(h.message(U.salesA, 'faq stats'));
    expect(answers(U.salesA).at(-1)).toContain('问题经理');
    await handler.onMessage(h.message(U.admin, 'faq stats'));
    expect(answers(U.admin).at(-1)).toContain('F-000001');
    await handler.onMessage(h.message(U.salesA, '知识库'));
    expect(answers(U.salesA).at(-1)).toContain('用法');
    expect(await allTickets()).toEqual([]);
  });
});

describe('FAQ publish and retire permissions', () => {
  it('refuse everyone but a problem manager of the service\'s team and administrators, changing nothing', async () => {
    const h = await chatHarness();
    try {
      const store = new TypeormFaqStore(h.db.gate);
      await store.importEntries([{ ...DELIVERY_FAQ, service: 'BJ-MALL-PRODUCT', subcategory: null, status: 'draft' }], { prune: false, now: h.clock.now() });
      const faqs = new FaqService({ store, clock: h.clock });
      const dir = (await h.directory.current())!;
      for (const who of ['bjxiaoshoua', 'bjxiaoshouyunying', 'zbit']) {
        const r = await faqs.setStatus(dir, who, 1, 'published');
        expect(r.ok ? 'ok' : r.error.code).toBe('FAQ.NOT_ALLOWED');
      }
      expect((await store.get(1))?.status).toBe('draft');
      expect((await faqs.setStatus(dir, 'zbshangchengcp', 1, 'published')).ok).toBe(true);
      expect((await store.get(1))?.status).toBe('published');
      expect((await faqs.setStatus(dir, 'admin', 1, 'retired')).ok).toBe(true);
      expect((await store.get(1))?.status).toBe('retired');
      const stats = await faqs.stats(dir, 'bjxiaoshoua');
      expect(stats.ok ? 'ok' : stats.error.code).toBe('FAQ.NOT_ALLOWED');
    } finally {
      await h.close();
    }
  });
});

describe('FAQ_CACHE_SECONDS: the published entries kept for intake', () => {
  it('reads them once per period; another process\'s retirement shows after it, this process\'s at once', async () => {
    const h = await chatHarness();
    try {
      const store = new TypeormFaqStore(h.db.gate);
      await store.importEntries([DELIVERY_FAQ], { prune: false, now: h.clock.now() });
      let reads = 0;
      const counting = Object.assign(Object.create(store) as TypeormFaqStore, {
        published: (services: readonly string[] | null) => {
          reads++;
          return store.published(services);
        },
      });
      const faqs = new FaqService({ store: counting, clock: h.clock, intakeCacheMs: 5000 });
      const handler = createChatHandler({ ...h.deps, faqs });
      const ask = async (userId: string, text: string) => {
        const m = h.message(userId, text);
        await handler.onMessage(m);
        await h.drain();
        return h.gateway.cards.has(`faq-${m.msgId}`);
      };
      expect(await ask(U.salesA, '请问商户订的货什么时候送到？')).toBe(true);
      expect(await ask(U.salesB, '送货时间是几点？')).toBe(true);
      expect(reads).toBe(1);
      // Another process retires the entry: this one answers from what it keeps until the period is over.
      await new TypeormFaqStore(h.db.gate).setStatus(1, 'retired', h.clock.now());
      expect(await ask(U.salesA, '商户订的货什么时候送到呢')).toBe(true);
      h.clock.advance(5000);
      expect(await ask(U.salesA, '商户的货到底什么时候送到')).toBe(false);
      expect(reads).toBe(2);
      // Published again through this process's service: shown at once, read again.
      expect((await faqs.setStatus((await h.directory.current())!, 'admin', 1, 'published')).ok).toBe(true);
      expect(await ask(U.salesB, '订的货什么时候送到？')).toBe(true);
      expect(reads).toBe(3);
    } finally {
      await h.close();
    }
  });
});
