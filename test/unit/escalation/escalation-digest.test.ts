/**
 * Escalation notices to one person within 10 s go on one digest card: the first at once (a new card), the later
 * ones added by updates at most one a second; each notice row ends sent once, when the call carrying its ref went;
 * a card that cannot be sent falls back to text; other notices are not held. A fake clock drives the polls.
 */
import { NoticeDeliverer, priorityOfNotice } from '../../../src/escalation/notice-deliverer';
import { DIGEST_CARD_STATUS, ESCALATION_DIGEST_MS, EscalationDigest, fitsOnCard, renderDigest, renderDigestCard } from '../../../src/escalation/escalation-digest';
import type { Notice, NoticeDraft, NoticeStore } from '../../../src/domain/ports/notice-store.port';
import { noMetrics } from '../../../src/domain/ports/escalation-metrics.port';
import { silentLog } from '../../../src/domain/ports/log.port';
import { FakeClock } from '../../support/fake-clock';
import { InMemoryChatGateway } from '../../support/in-memory-chat-gateway';
import type { CardView } from '../../../src/domain/ports/chat-gateway.port';

class MemoryNoticeStore implements NoticeStore {
  readonly rows: Notice[] = [];
  async addNotices(drafts: NoticeDraft[]): Promise<void> {
    for (const d of drafts) {
      this.rows.push({ ...d, id: this.rows.length + 1, attempts: 0, nextAttemptAt: d.createdAt, lastError: null, sentAt: null });
    }
  }
  async claimDue(now: Date, limit: number, leaseMs: number): Promise<Notice[]> {
    const due = this.rows.filter((n) => n.status === 'pending' && n.nextAttemptAt <= now).slice(0, limit);
    for (const n of due) {
      n.attempts++;
      n.nextAttemptAt = new Date(now.getTime() + leaseMs);
    }
    return due.map((n) => ({ ...n }));
  }
  async markSent(ids: number[], at: Date): Promise<void> {
    for (const n of this.rows) if (ids.includes(n.id)) Object.assign(n, { status: 'sent', sentAt: at });
  }
  async markFailed(id: number, error: string, nextAttemptAt: Date, dead: boolean): Promise<void> {
    Object.assign(this.rows.find((n) => n.id === id)!, { lastError: error, nextAttemptAt, ...(dead ? { status: 'dead' } : {}) });
  }
  async byTicket(): Promise<Notice[]> {
    return [];
  }
  async dead(): Promise<Notice[]> {
    return [];
  }
  async replay(): Promise<boolean> {
    return false;
  }
}

const T0 = new Date('2026-12-01T02:00:00Z');

function draft(ref: string, eventCode: string, at: Date, locale = 'en'): NoticeDraft {
  return {
    eventKey: `threshold:${ref}-${eventCode}-1`,
    ticketId: Number(ref.slice(2)),
    ref,
    eventCode,
    personId: 'p-lead',
    userId: 'u-lead',
    locale,
    via: 'service_lead',
    status: 'pending',
    reason: null,
    title: `${ref} Escalated: TTR-2`,
    body: `${ref} reached TTR-2 (time to resolve exceeded).`,
    createdAt: at,
  };
}

function setUp() {
  const clock = new FakeClock(T0);
  const store = new MemoryNoticeStore();
  const gateway = new InMemoryChatGateway();
  const wakes: number[] = [];
  const deliverer = new NoticeDeliverer(store, gateway, clock, noMetrics, silentLog, {
    digestWindowMs: ESCALATION_DIGEST_MS,
    backoffMs: 1000,
    wake: (inMs) => wakes.push(inMs),
  });
  return { clock, store, gateway, deliverer, wakes };
}

const asNotice = (d: NoticeDraft, id: number): Notice => ({ ...d, id, attempts: 1, nextAttemptAt: d.createdAt, lastError: null, sentAt: null });
/** The refs a card view shows (its rows' values). */
const refsOn = (card: CardView | undefined) => (card?.fields ?? []).flatMap((f) => f.value.match(/R-\d{6}/g) ?? []);
const ref = (i: number) => `R-${String(i).padStart(6, '0')}`;

describe('escalation digest card', () => {
  it('5 escalations to one lead within 10 s → one card delivered at once, each later ref added by an update; every row sent once; other notices not held', async () => {
    const { clock, store, gateway, deliverer } = setUp();
    const refs = [1, 2, 3, 4, 5].map(ref);
    for (let s = 0; s <= 12; s++) {
      if (s % 2 === 0 && s / 2 < refs.length) await store.addNotices([draft(refs[s / 2]!, 'ttr2', clock.now())]);
      if (s === 3) await store.addNotices([{ ...draft('R-000009', 'created', clock.now()), eventKey: 'e-9', title: 'R-000009 New request', body: 'New request R-000009 is waiting to be claimed.' }]);
      await deliverer.drain();
      if (s === 0) expect(gateway.cardCalls.map((c) => [c.call, refsOn(c.card)])).toEqual([['create', [refs[0]]]]); // at once
      if (s === 3) expect(gateway.messages.map((m) => m.message.title)).toEqual(['R-000009 New request']); // not held
      if (s % 2 === 0 && s / 2 < refs.length) expect(refsOn(gateway.cards.get(gateway.cardCalls[0]!.outTrackId)?.card)).toEqual(refs.slice(0, s / 2 + 1));
      clock.advance(1000);
    }
    expect(gateway.cardCalls.map((c) => c.call)).toEqual(['create', 'update', 'update', 'update', 'update']);
    expect(new Set(gateway.cardCalls.map((c) => c.outTrackId))).toEqual(new Set([`digest:u-lead:${T0.getTime()}`]));
    expect(gateway.cardCalls[0]!.spaces).toEqual([{ kind: 'dm', userId: 'u-lead' }]);
    expect(gateway.to('u-lead').map((m) => m.title)).toEqual(['R-000009 New request']); // no escalation as text
    const card = gateway.cards.get(`digest:u-lead:${T0.getTime()}`)!.card;
    expect(card).toMatchObject({ status: DIGEST_CARD_STATUS, title: '5 tickets escalated', statusLabel: 'Escalations', publicActions: [] });
    expect(card.fields[0]).toEqual({ label: 'TTR-2 (time to resolve exceeded)', value: refs.join(', ') });
    const rows = store.rows.filter((n) => n.eventCode === 'ttr2');
    expect(rows.map((n) => n.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    // each row marked sent when the call carrying its ref went (at once: every 2 s here, ≥ 1 s apart)
    expect(rows.map((n) => n.sentAt!.getTime() - n.createdAt.getTime())).toEqual([0, 0, 0, 0, 0]);
  });

  it('10 escalations within one second → 1 card delivery and 1 update (updates ≥ 1 s apart); each ref on the card within 1 s', async () => {
    const { clock, store, gateway, deliverer, wakes } = setUp();
    for (let i = 1; i <= 10; i++) {
      await store.addNotices([draft(ref(i), i % 2 ? 'tto' : 'ttr1', clock.now())]);
      await deliverer.drain();
      clock.advance(100);
    }
    expect(wakes.at(-1)).toBe(100); // the update falls due 1 s after the card went
    clock.set(new Date(T0.getTime() + 1000));
    await deliverer.drain();
    expect(gateway.cardCalls.map((c) => c.call)).toEqual(['create', 'update']);
    const card = gateway.cards.get(gateway.cardCalls[0]!.outTrackId)!.card;
    expect(card.fields.slice(0, 2)).toEqual([
      { label: 'TTO (not assigned within the time to own)', value: [1, 3, 5, 7, 9].map(ref).join(', ') },
      { label: 'TTR-1 (75% of the time to resolve used)', value: [2, 4, 6, 8, 10].map(ref).join(', ') },
    ]);
    expect(store.rows.every((n) => n.status === 'sent' && n.sentAt!.getTime() - n.createdAt.getTime() <= 1000)).toBe(true);
    await deliverer.drain(); // nothing new: no call
    expect(gateway.cardCalls).toHaveLength(2);
  });

  it('an escalation after the window ends opens a new card (a new push); a full card too', async () => {
    const digest = new EscalationDigest(10_000, 1000);
    const n = (i: number, code = 'tto') => asNotice(draft(ref(i), code, T0), i);
    digest.hold(n(1), 0);
    expect(digest.takeDue(0).map((s) => [s.kind, s.window.outTrackId])).toEqual([['create', 'digest:u-lead:0']]);
    digest.hold(n(2), 9_999);
    const [second] = digest.takeDue(9_999);
    expect(second).toMatchObject({ kind: 'create', window: { outTrackId: 'digest:u-lead:0' } }); // not sent yet: still to create
    digest.sent(second!, 9_999);
    digest.hold(n(3), 10_000);
    expect(digest.takeDue(10_000).map((s) => [s.kind, s.window.outTrackId])).toEqual([['create', 'digest:u-lead:10000']]);
    // full: the rows would pass DingTalk's 1 KB per value
    const many = Array.from({ length: 200 }, (_, i) => n(100 + i, 'ttr3'));
    const fit = many.findIndex((_, i) => !fitsOnCard(many.slice(0, i + 1)));
    expect(fit).toBeGreaterThan(20);
    const d2 = new EscalationDigest(10_000, 1000);
    for (const x of many.slice(0, fit + 1)) d2.hold(x, 5);
    expect(d2.takeDue(5).map((s) => [s.window.outTrackId, s.notices.length])).toEqual([
      ['digest:u-lead:5', fit],
      ['digest:u-lead:5-1', 1],
    ]);
  });

  it('falls back to text when the card cannot be sent (no template): the first at once, the rest of the window as one message at its end', async () => {
    const { clock, store, gateway, deliverer } = setUp();
    gateway.failCardFor('u-lead', 1, false);
    await store.addNotices([draft(ref(1), 'tto', clock.now())]);
    await deliverer.drain();
    expect(gateway.to('u-lead').map((m) => m.title)).toEqual(['R-000001 Escalated: TTR-2']);
    for (let i = 2; i <= 4; i++) {
      clock.advance(1000);
      await store.addNotices([draft(ref(i), 'ttr1', clock.now())]);
      await deliverer.drain();
    }
    expect(gateway.to('u-lead')).toHaveLength(1);
    clock.advance(ESCALATION_DIGEST_MS);
    await deliverer.drain();
    const texts = gateway.to('u-lead');
    expect(texts).toHaveLength(2);
    expect(texts[1]!.title).toBe('3 tickets escalated');
    for (const r of [2, 3, 4].map(ref)) expect(texts[1]!.text).toContain(r);
    expect(gateway.cardCalls.map((c) => c.call)).toEqual(['create']);
    expect(store.rows.map((n) => n.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });

  it('a failed update sends its refs as text at once; a retryable failed card is retried and ends sent once', async () => {
    const { clock, store, gateway, deliverer } = setUp();
    await store.addNotices([draft(ref(1), 'tto', clock.now())]);
    await deliverer.drain();
    gateway.failUpdatesOf(gateway.cardCalls[0]!.outTrackId, 1);
    clock.advance(1000);
    await store.addNotices([draft(ref(2), 'tto', clock.now()), draft(ref(3), 'tto', clock.now())]);
    await deliverer.drain();
    expect(gateway.to('u-lead').map((m) => m.title)).toEqual(['2 tickets escalated']);
    expect(store.rows.map((n) => n.status)).toEqual(['sent', 'sent', 'sent']);

    const h = setUp();
    h.gateway.failCardFor('u-lead', 1, true);
    await h.store.addNotices([draft(ref(1), 'tto', h.clock.now())]);
    await h.deliverer.drain();
    expect(h.store.rows.map((n) => [n.status, n.lastError !== null])).toEqual([['pending', true]]);
    h.clock.advance(1000);
    await h.deliverer.drain();
    expect(h.store.rows.map((n) => n.status)).toEqual(['sent']);
    expect(h.gateway.cardCalls.map((c) => c.call)).toEqual(['create', 'create']);
    expect([...h.gateway.cards.values()].map((c) => refsOn(c.card))).toEqual([[ref(1)]]);
  });

  it('words the card and the text digest in the recipient\'s language; escalations and new or assigned tickets go as `act`', () => {
    const zhNotices = [draft('R-000001', 'tto', T0, 'zh-CN'), draft('R-000002', 'tto', T0, 'zh-CN')].map(asNotice);
    const zh = renderDigest(zhNotices);
    expect(zh.title).toBe('2 个工单已升级');
    expect(zh.text.split('\n').slice(0, 3)).toEqual(['2 个工单已触发升级：', '- R-000001 Escalated: TTR-2', '- R-000002 Escalated: TTR-2']);
    expect(renderDigestCard(zhNotices)).toMatchObject({
      title: '2 个工单已升级',
      statusLabel: '升级汇总',
      lastMessage: '已升级：R-000001 R-000002',
      fields: [{ label: '响应超时（未在规定时间内分派）', value: 'R-000001, R-000002' }, { label: '', value: '请打开各工单卡片进行分派或跟进。' }],
    });
    expect(renderDigestCard(zhNotices.slice(0, 1)).title).toBe('R-000001 已升级');
    expect(['tto', 'ttr3', 'created', 'assigned', 'resolved', 'agent_note'].map((eventCode) => priorityOfNotice({ eventCode }))).toEqual(['act', 'act', 'act', 'act', 'inform', 'inform']);
  });
});
