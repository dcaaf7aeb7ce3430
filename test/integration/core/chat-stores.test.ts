/**
 * The stores the chat path writes on every message, on real databases (SQLite and MariaDB): cards recorded in
 * batches (one statement for the cards of the same moment, a card recorded twice kept once), intake drafts used
 * once, threshold rows armed in one statement (a key already taken left alone and not reported as armed), due
 * notices claimed by one process at a time (two claiming at once split them, none twice), inbox rows marked done
 * in batches.
 */
import { TypeormCardStore } from '../../../src/adapters/persistence/typeorm-card-store';
import { TypeormEscalationStore } from '../../../src/adapters/persistence/typeorm-escalation-store';
import { TypeormInboxStore } from '../../../src/adapters/persistence/typeorm-inbox-store';
import { TypeormNoticeStore } from '../../../src/adapters/persistence/typeorm-notice-store';
import type { TicketCard } from '../../../src/domain/ports/card-store.port';
import type { ThresholdRow } from '../../../src/domain/ports/escalation-store.port';
import type { NoticeDraft } from '../../../src/domain/ports/notice-store.port';
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

const notice = (eventKey: string, personId: string): NoticeDraft => ({
  eventKey,
  ticketId: 1,
  ref: 'R-000001',
  eventCode: 'created',
  personId,
  userId: `u-${personId}`,
  locale: 'zh-CN',
  via: 'service.team.contacts',
  status: 'pending',
  reason: null,
  title: '新工单',
  body: 'R-000001',
  createdAt: AT,
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
    expect(await cards.spacesOfCard('R-000002-u-caller-2')).toMatchObject([{ ticketId: 2, role: 'caller', createdAt: AT }]);
    expect(await cards.spacesOfCard('R-000009-u-nobody')).toEqual([]);
  });

  it('one card instance in many spaces: one row per (outTrackId, space), each space once', async () => {
    const cards = new TypeormCardStore(h.db().gate);
    const space = (userId: string, role: string) => ({ ticketId: 4, outTrackId: 'R-000004', space: { kind: 'dm' as const, userId }, role, createdAt: AT });
    await Promise.all([cards.addCard(space('caller-4', 'caller')), cards.addCard(space('contact-1', 'contact')), cards.addCard(space('contact-1', 'agent'))]);
    await cards.addCard({ ...space('contact-1', 'group'), space: { kind: 'group', conversationId: 'contact-1' } });
    const spaces = await cards.spacesOfCard('R-000004');
    expect(spaces.map((c) => `${c.space.kind}:${c.role}`).sort()).toEqual(['dm:caller', 'dm:contact', 'group:group']);
    expect((await cards.cardsOf(4)).length).toBe(3);
  });

  it('holdings: whether the instance exists, which of the asked people hold it, the ticket\'s other cards; in one statement', async () => {
    const writer = new TypeormCardStore(h.db().gate);
    const space = (userId: string) => ({ ticketId: 5, outTrackId: 'R-000005', space: { kind: 'dm' as const, userId }, role: 'contact' as const, createdAt: AT });
    // Read by stores that have seen nothing (another process): the existence comes from the database.
    const fresh = () => new TypeormCardStore(h.db().gate);
    expect(await fresh().holdingsOf(5, 'R-000005', ['a'])).toEqual({ instance: false, others: [], held: [] });
    await Promise.all([writer.addCard(space('a')), writer.addCard(space('b')), writer.addCard(card(5, 'legacy'))]);
    const asked = await fresh().holdingsOf(5, 'R-000005', ['a', 'x']);
    expect(asked.instance).toBe(true);
    expect(asked.held).toEqual(['a']);
    expect(asked.others.map((c) => c.outTrackId)).toEqual(['R-000005-u-legacy']);
    // None of the asked people holds it: it exists all the same (the second part of the statement).
    expect(await fresh().holdingsOf(5, 'R-000005', ['x'])).toMatchObject({ instance: true, held: [] });
    expect(await fresh().holdingsOf(5, 'R-000005', [])).toMatchObject({ instance: true, held: [] });
    // A legacy card of an asked person counts as held; another ticket's instance is not this one's.
    expect(await fresh().holdingsOf(5, 'R-000005', ['legacy'])).toMatchObject({ instance: true, held: ['legacy'] });
    expect(await fresh().holdingsOf(6, 'R-000006', ['a'])).toEqual({ instance: false, others: [], held: [] });
    // The writer knows its instance: the same answer.
    expect(await writer.holdingsOf(5, 'R-000005', ['b', 'x'])).toMatchObject({ instance: true, held: ['b'] });
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

  it('claims due notices for one process at a time; a claim runs out after its lease', async () => {
    const notices = new TypeormNoticeStore(h.db().gate);
    const people = Array.from({ length: 30 }, (_, i) => `p${i}`);
    await notices.addNotices(people.map((p) => notice('outbox:claims', p)));
    const now = new Date(AT.getTime() + 1000);
    // Two processes claim at the same moment, in small batches so that they compete for the same rows.
    const a: number[] = [];
    const b: number[] = [];
    for (let round = 0; round < 10; round++) {
      const [x, y] = await Promise.all([notices.claimDue(now, 4, 30_000), notices.claimDue(now, 4, 30_000)]);
      a.push(...x.map((n) => n.id));
      b.push(...y.map((n) => n.id));
    }
    const all = [...a, ...b];
    expect(new Set(all).size).toBe(all.length); // nobody got a notice the other got
    expect(all.length).toBe(30);
    expect(await notices.claimDue(now, 100, 30_000)).toEqual([]); // all held
    // The lease runs out (the claimer died): the notices are due again, with one more attempt counted.
    const later = await notices.claimDue(new Date(now.getTime() + 30_001), 100, 30_000);
    expect(later.map((n) => n.id).sort((x, y) => x - y)).toEqual([...all].sort((x, y) => x - y));
    expect(later.every((n) => n.attempts === 2)).toBe(true);
    await notices.markSent(later.map((n) => n.id), now);
    expect(await notices.claimDue(new Date(now.getTime() + 120_000), 100, 30_000)).toEqual([]);
  });

  it('marks inbox rows done together, each with its outcome', async () => {
    const inbox = new TypeormInboxStore(h.db().gate);
    const ids = ['m-1', 'm-2', 'm-3'];
    for (const id of ids) await inbox.put({ id, kind: 'message', payload: '{}', receivedAt: AT });
    await Promise.all([
      inbox.markDone('m-1', new Date(AT.getTime() + 10), 'ok'),
      inbox.markDone('m-2', new Date(AT.getTime() + 20), 'refused'),
      inbox.markDone('m-3', new Date(AT.getTime() + 30), 'ok'),
    ]);
    const rows = (await h.db().ds.query("SELECT id, status, outcome FROM inbox WHERE id LIKE 'm-%' ORDER BY id")) as unknown[];
    expect(rows.map((r) => ({ ...(r as object) }))).toEqual([
      { id: 'm-1', status: 'done', outcome: 'ok' },
      { id: 'm-2', status: 'done', outcome: 'refused' },
      { id: 'm-3', status: 'done', outcome: 'ok' },
    ]);
    // None is pending any more, even after every lease ran out.
    expect(await inbox.pending(new Date(AT.getTime() + 3_600_000), 10)).toEqual([]);
    expect(await inbox.put({ id: 'm-2', kind: 'message', payload: '{}', receivedAt: AT })).toBe(false);
  });
});
