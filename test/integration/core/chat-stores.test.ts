/**
 * The stores the chat path writes on every message, on real databases (SQLite and MariaDB): cards recorded in
 * batches (one statement for the cards of the same moment, a card recorded twice kept once), intake drafts used
 * once, threshold rows armed in one statement (a key already taken left alone and not reported as armed).
 */
import { TypeormCardStore } from '../../../src/adapters/persistence/typeorm-card-store';
import { TypeormEscalationStore } from '../../../src/adapters/persistence/typeorm-escalation-store';
import type { TicketCard } from '../../../src/domain/ports/card-store.port';
import type { ThresholdRow } from '../../../src/domain/ports/escalation-store.port';
import { describeOnDatabases } from '../../support/databases';

const AT = new Date('2026-11-30T02:00:00.000Z');

const card = (ticketId: number, userId: string, role: TicketCard['role'] = 'contact'): TicketCard => ({
  ticketId,
  outTrackId: `R-${String(ticketId).padStart(6, '0')}-u-${userId}`,
  space: { kind: 'dm', userId },
  role,
  createdAt: AT,
});

const threshold = (ticketId: number, level: string, dueInS: number): ThresholdRow => ({
  ticketId,
  level,
  deadlineVersion: 1,
  thresholdSeconds: dueInS,
  dueAt: new Date(AT.getTime() + dueInS * 1000),
  status: 'armed',
  firedAt: null,
  latenessMs: null,
  assigneePart: 'none',
});

describeOnDatabases('chat stores', (h) => {
  it('records the cards of one moment together, each outTrackId once', async () => {
    const cards = new TypeormCardStore(h.db().gate);
    await Promise.all([
      cards.addCard(card(1, 'caller-1', 'caller')),
      cards.addCard(card(1, 'contact-1')),
      cards.addCard(card(1, 'contact-2')),
      cards.addCard(card(1, 'contact-2')),
      cards.addCard(card(2, 'caller-2', 'caller')),
    ]);
    await cards.addCard(card(1, 'contact-1', 'agent'));
    const first = await cards.cardsOf(1);
    expect(first.map((c) => c.outTrackId).sort()).toEqual(['R-000001-u-caller-1', 'R-000001-u-contact-1', 'R-000001-u-contact-2']);
    expect(first.find((c) => c.outTrackId === 'R-000001-u-contact-1')).toMatchObject({ role: 'contact', space: { kind: 'dm', userId: 'contact-1' } });
    expect(await cards.cardByOutTrackId('R-000002-u-caller-2')).toMatchObject({ ticketId: 2, role: 'caller', createdAt: AT });
    expect(await cards.cardByOutTrackId('R-000009-u-nobody')).toBeNull();
  });

  it('a failed batch rejects every card in it (nothing silently dropped)', async () => {
    const cards = new TypeormCardStore(h.db().gate);
    const tooLong = { ...card(3, 'x'), outTrackId: 'x'.repeat(5000) };
    const results = await Promise.allSettled([cards.addCard(card(3, 'caller-3', 'caller')), cards.addCard(tooLong)]);
    // SQLite has no length limit: both are stored; MariaDB refuses the 5000-character key, and the whole batch with it.
    if (h.dialect === 'mysql') expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    else expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
  });

  it('an intake draft is used once', async () => {
    const cards = new TypeormCardStore(h.db().gate);
    await cards.saveDraft({ id: 'msg-1', personId: 'p', userId: 'u', conversationId: 'c', conversationType: 'dm', text: '下单失败', createdAt: AT, ticketId: null });
    await expect(cards.saveDraft({ id: 'msg-1', personId: 'p', userId: 'u', conversationId: 'c', conversationType: 'dm', text: 'again', createdAt: AT, ticketId: null })).rejects.toThrow();
    expect(await cards.useDraft('msg-1', 7)).toBe(true);
    expect(await cards.useDraft('msg-1', 8)).toBe(false);
    expect(await cards.draft('msg-1')).toMatchObject({ text: '下单失败', ticketId: 7, conversationType: 'dm', createdAt: AT });
    expect(await cards.draft('msg-2')).toBeNull();
  });

  it('arms threshold rows in one statement and reports only the rows it armed', async () => {
    const store = new TypeormEscalationStore(h.db().gate);
    const rows = [threshold(10, 'tto', 7200), threshold(10, 'ttr1', 21600)];
    expect(await store.transaction((tx) => tx.arm(rows))).toEqual(rows);
    expect(await store.transaction((tx) => tx.arm(rows))).toEqual([]);
    const stored = await store.thresholds(10);
    expect(stored.map((r) => [r.level, r.dueAt.toISOString(), r.status]).sort()).toEqual([
      ['tto', '2026-11-30T04:00:00.000Z', 'armed'],
      ['ttr1', '2026-11-30T08:00:00.000Z', 'armed'],
    ]);
    // Another planner armed `tto` with another due time meanwhile: that row is left alone and not reported.
    const moved = threshold(11, 'tto', 60);
    await store.transaction((tx) => tx.arm([moved]));
    const mine = [threshold(11, 'tto', 7200), threshold(11, 'ttr1', 21600)];
    expect(await store.transaction((tx) => tx.arm(mine))).toEqual([mine[1]]);
    expect((await store.thresholds(11)).find((r) => r.level === 'tto')?.dueAt.toISOString()).toBe(moved.dueAt.toISOString());
  });
});
