/**
 * One card instance per ticket (docs/interfaces.md "Ticket card"), through the chat harness on SQLite: a filing is
 * one createAndDeliver for the caller and the contacts; a claim one PUT with each viewer's own buttons; a burst of
 * changes coalesced; a replay after a crash delivers and records the cards without a second answer; a new holder's
 * text notice of the event is replaced by the card. ("Already exists" counted as delivered: chat-gateway.test.ts.)
 */
import { cardUpdateReaction, createChatHandler } from '../../../src/bot/app/chat-app';
import { SYSTEM_ACTOR as SYSTEM } from '../../../src/domain/tickets/actor';
import type { CardSpace } from '../../../src/domain/ports/chat-gateway.port';
import { DEMO_USERS, GRAPES } from '../../support/demo';
import { chatHarness, type ChatHarness } from '../../support/chat-harness';

const { SALES_A, SALES_B, OPS_1, OPS_2, OPS_LEAD } = DEMO_USERS;
const dm = (userId: string): CardSpace => ({ kind: 'dm', userId });

describe('ticket card instance [sqlite]', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await chatHarness();
  });
  afterAll(() => h.close());

  const callsOf = (ref: string, from = 0) => h.gateway.cardCalls.slice(from).filter((c) => c.outTrackId === ref);
  const actionsOf = (ref: string, userId: string) => (h.gateway.cards.get(ref)!.card.privateActions[userId] ?? []).map((a) => a.action);

  it('a filing delivers ONE card to the caller and the contacts in ONE createAndDeliver; a claim updates it with ONE PUT, each viewer their own buttons', async () => {
    const from = h.gateway.cardCalls.length;
    await h.handler.onMessage(h.message(SALES_A, GRAPES));
    const ref = h.gateway.lastCardTo(SALES_A)!;
    const filed = callsOf(ref, from);
    expect(filed.map((c) => c.call)).toEqual(['create']);
    expect(filed[0]!.spaces).toEqual([dm(SALES_A), dm(OPS_1), dm(OPS_2)]);
    expect(h.gateway.privateAnswers.filter((a) => a.userId === SALES_A)).toEqual([]);

    const claimed = await h.handler.onCardAction(h.cardAction(OPS_1, ref, { action: 'ticket.claim', ref }));
    expect(claimed!.card.status).toBe('assigned');
    const before = h.gateway.cardCalls.length;
    await h.drain();
    const puts = callsOf(ref, before);
    expect(puts.map((c) => c.call)).toEqual(['update']);
    const view = puts[0]!.card!;
    expect(view.status).toBe('assigned');
    const own = (userId: string) => (view.privateActions[userId] ?? []).map((a) => a.action);
    expect(own(SALES_A)).toEqual(['ticket.note']);
    expect(own(OPS_1)).toContain('ticket.resolve');
    expect(own(OPS_2)).not.toContain('ticket.resolve');
    expect(own(OPS_2)).toContain('ticket.reassign');

    // A click by someone whose buttons do not include the action is refused, as before; nothing changes.
    const refused = await h.handler.onCardAction(h.cardAction(OPS_2, ref, { action: 'ticket.resolve', ref, solution: 'x', resolution_code: 'other' }));
    expect(refused!.card.privateNotice![OPS_2]).toContain(ref);
    expect(refused!.card.privateNotice![OPS_2]).toContain('处理中');
    const t = await h.tickets.get(SYSTEM, ref);
    expect(t.ok && t.value.status).toBe('assigned');
  });

  it('ten quick changes to one ticket (all while one PUT is in flight) → at most two PUTs (through the reaction), the last carrying the final state', async () => {
    await h.handler.onMessage(h.message(SALES_B, '客户投诉：发票抬头错了，请处理'));
    const ref = h.gateway.lastCardTo(SALES_B)!;
    const agent = { person: 'bjxiaoshouyunying', entryPoint: 'chat' as const };
    expect((await h.tickets.claim(agent, ref)).ok).toBe(true);
    await h.drain();
    expect((await h.tickets.pend(agent, ref, '等回复 0')).ok).toBe(true);
    await h.drain();
    // A PUT that takes longer than the burst: the reactions of the ten events run while the first is in flight.
    const realUpdate = h.gateway.updateCard.bind(h.gateway);
    const slow = jest.spyOn(h.gateway, 'updateCard').mockImplementation(async (id, card) => {
      await new Promise((r) => setTimeout(r, 1000));
      return realUpdate(id, card);
    });
    try {
      const react = cardUpdateReaction(h.deps);
      const before = h.gateway.cardCalls.length;
      const started = Date.now();
      const reactions: Array<Promise<void>> = [];
      // Ten changes (resume, pend, …, pend), each event handed to the reaction right after its commit.
      for (let i = 1; i <= 10; i++) {
        const changed = i % 2 === 1 ? await h.tickets.resume(agent, ref) : await h.tickets.pend(agent, ref, `等回复 ${i}`);
        expect(changed.ok).toBe(true);
        const records = await h.outbox.claim('burst', 10, h.clock.now(), 30_000);
        expect(records).toHaveLength(1);
        reactions.push(react(records[0]!));
      }
      expect(Date.now() - started).toBeLessThan(1000); // all ten while the first PUT is in flight
      await Promise.all(reactions);
      const puts = callsOf(ref, before).filter((c) => c.call === 'update');
      expect(puts.length).toBeGreaterThanOrEqual(1);
      expect(puts.length).toBeLessThanOrEqual(2);
      const last = puts[puts.length - 1]!.card!;
      expect(last.status).toBe('pending');
      expect(last.fields.find((f) => f.label === '挂起原因')?.value).toBe('等回复 10');
    } finally {
      slow.mockRestore();
    }
  });

  it('a replay after a crash between the ticket commit and the card delivery: the cards delivered and recorded, no second answer', async () => {
    const crashed = createChatHandler(h.deps); // commits, leaves the outbox event to the process (which crashed)
    const m = h.message(SALES_A, '商户K的葡萄今天没有送货');
    const from = h.gateway.cardCalls.length;
    await crashed.onMessage(m);
    expect(h.gateway.cardCalls.length).toBe(from);
    const answers = h.gateway.privateAnswers.length;
    // The frame is replayed (the inbox row was not done) and the outbox event is taken up again.
    await h.handler.onMessage(m);
    const ref = h.gateway.lastCardTo(SALES_A)!;
    expect(callsOf(ref, from).map((c) => c.call)).toEqual(['create']);
    const t = await h.tickets.get(SYSTEM, ref);
    if (!t.ok) throw new Error(t.error.code);
    expect(t.value.sourceMsg).toBe(m.msgId);
    const recorded = await h.cards.cardsOf(t.value.id);
    expect(recorded.map((c) => [c.outTrackId, c.space.kind === 'dm' ? c.space.userId : '', c.role]).sort()).toEqual(
      [[ref, SALES_A, 'caller'], [ref, OPS_1, 'contact'], [ref, OPS_2, 'contact']].sort(),
    );
    expect(h.gateway.privateAnswers.length).toBe(answers);
  });

  it('a person who gets the card as a new delivery in an event gets no text notice of that event; others still do', async () => {
    await createChatHandler(h.deps).onMessage(h.message(SALES_B, '商户L的苹果今天没有送货'));
    const [record] = await h.outbox.claim('notices', 10, h.clock.now(), 30_000);
    expect(record!.event.type).toBe('TicketCreated');
    const t = await h.tickets.get(SYSTEM, record!.event.ref);
    if (!t.ok) throw new Error(t.error.code);
    // The escalation reaction's notices of this event (it runs first): two contacts and the lead.
    const notice = (personId: string, userId: string) => ({
      eventKey: `outbox:${record!.id}`, ticketId: t.value.id, ref: record!.event.ref, eventCode: 'created', personId, userId,
      locale: 'zh-CN', via: 'contact', status: 'pending' as const, reason: null, title: record!.event.ref, body: record!.event.ref, createdAt: h.clock.now(),
    });
    await h.notices.addNotices([notice('bjxiaoshouyunying', OPS_1), notice('bjyunying2', OPS_2), notice('bjyunyingzg', OPS_LEAD)]);
    await cardUpdateReaction(h.deps)(record!);
    await h.outbox.markDone([record!.id], 'notices', h.clock.now());
    expect(h.gateway.holds(OPS_1, record!.event.ref)).toBe(true);
    const rows = await h.notices.byTicket(t.value.id);
    const statusOf = (userId: string) => rows.find((n) => n.userId === userId)?.status;
    expect([statusOf(OPS_1), statusOf(OPS_2), statusOf(OPS_LEAD)]).toEqual(['skipped', 'skipped', 'pending']);
  });
});
