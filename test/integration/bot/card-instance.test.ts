/**
 * One card instance per ticket (docs/interfaces.md "Ticket card"), through the chat harness on SQLite: a filing is
 * one createAndDeliver for the caller and the contacts; a claim one PUT with each viewer's own buttons; a burst of
 * changes coalesced; a replay after a crash delivers and records the cards without a second answer; a new holder's
 * text notice of the event is replaced by the card. ("Already exists" counted as delivered: chat-gateway.test.ts.)
 */
import { cardUpdateReaction, createChatHandler } from '../../../src/bot/app/chat-app';
import { OutboxDispatcher } from '../../../src/application/outbox/outbox-dispatcher';
import { newReactionContext, OutboxReactions } from '../../../src/application/outbox/reactions';
import { loadTriggerTable } from '../../../src/adapters/config/load-rules';
import { escalationDepsOn } from '../../../src/compose-escalation';
import { eventCodeOf } from '../../../src/domain/notifications/event-codes';
import { silentLog } from '../../../src/domain/ports/log.port';
import { registerEscalationReactions } from '../../../src/escalation/react-to-ticket-events';
import { RecordingScheduler } from '../../support/escalation-harness';
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
        reactions.push(react(records[0]!, newReactionContext()));
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
    // Both reactions as wired in src/main.ts: the card first (`registerFirst`), then the escalation layer's, which
    // reads who got the card from the event's context and writes their notices skipped (`card`).
    const triggers = await loadTriggerTable();
    if (!triggers.ok) throw new Error(triggers.error.join('\n'));
    const escalation = escalationDepsOn(h.db, { directory: h.directory, scheduler: new RecordingScheduler(), clock: h.clock, triggers: triggers.value });
    const reactions = new OutboxReactions();
    registerEscalationReactions(reactions, escalation, eventCodeOf);
    reactions.registerFirst(cardUpdateReaction(h.deps));
    const dispatcher = new OutboxDispatcher(h.outbox, reactions, h.clock, silentLog, { owner: 'notices' });
    // The second contact's card is refused for good: they are told in text instead.
    h.gateway.failCardFor(OPS_2, 1, false);
    await createChatHandler(h.deps).onMessage(h.message(SALES_B, '商户L的苹果今天没有送货'));
    expect(await dispatcher.drain()).toBe(1);
    const ref = h.gateway.lastCardTo(SALES_B)!;
    expect(h.gateway.holds(OPS_1, ref)).toBe(true);
    expect(h.gateway.holds(OPS_2, ref)).toBe(false);
    const t = await h.tickets.get(SYSTEM, ref);
    if (!t.ok) throw new Error(t.error.code);
    const rows = (await h.notices.byTicket(t.value.id)).filter((n) => n.eventCode === 'created');
    const of = (userId: string) => rows.filter((n) => n.userId === userId).map((n) => [n.status, n.reason]);
    expect(of(OPS_1)).toEqual([['skipped', 'card']]);
    expect(of(OPS_2)).toEqual([['pending', null]]);
  });

  it('an event retried with an empty context delivers no card again and still writes every notice', async () => {
    // After a crash between the card and the notices: the card is recorded, so no new delivery, nobody in the
    // context; the escalation reaction writes everyone's text notice (the accepted rare double for card holders).
    const triggers = await loadTriggerTable();
    if (!triggers.ok) throw new Error(triggers.error.join('\n'));
    const escalation = escalationDepsOn(h.db, { directory: h.directory, scheduler: new RecordingScheduler(), clock: h.clock, triggers: triggers.value });
    await createChatHandler(h.deps).onMessage(h.message(SALES_B, '商户M的香蕉今天没有送货'));
    const [record] = await h.outbox.claim('crash', 10, h.clock.now(), 30_000);
    expect(record!.event.type).toBe('TicketCreated');
    const first = newReactionContext();
    await cardUpdateReaction(h.deps)(record!, first);
    expect(first.cardRecipients.size).toBeGreaterThan(0);
    const from = h.gateway.cardCalls.length;
    const retried = newReactionContext();
    await cardUpdateReaction(h.deps)(record!, retried);
    expect(retried.cardRecipients.size).toBe(0);
    expect(h.gateway.cardCalls.slice(from).filter((c) => c.call !== 'update')).toEqual([]);
    const reactions = new OutboxReactions();
    registerEscalationReactions(reactions, escalation, eventCodeOf);
    for (const react of reactions) await react(record!, retried);
    const rows = await h.notices.byTicket(record!.event.ticketId);
    expect(rows.filter((n) => n.eventCode === 'created').map((n) => n.status)).toEqual(['pending', 'pending']);
  });
});
