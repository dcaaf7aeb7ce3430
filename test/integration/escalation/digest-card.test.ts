/**
 * The escalation digest card through the real DingTalk adapter and the emulator, notice rows in a real database:
 * 10 escalations to one lead within 2 s → one card delivered (one push) and at most one update a second, each ref on
 * the card, every row sent once; without a card template the lead gets text instead (docs/interfaces.md "Delivery
 * semantics").
 */
import { DingTalkChatGateway } from '../../../src/adapters/dingtalk/dingtalk-chat.gateway';
import { TypeormNoticeStore } from '../../../src/adapters/persistence/typeorm-notice-store';
import type { NoticeDraft } from '../../../src/domain/ports/notice-store.port';
import { noMetrics } from '../../../src/domain/ports/escalation-metrics.port';
import { silentLog } from '../../../src/domain/ports/log.port';
import { NoticeDeliverer } from '../../../src/escalation/notice-deliverer';
import { startDingTalkEmulator, type RunningDingTalkEmulator } from '../../../src/emulator';
import { describeOnDatabases } from '../../support/databases';
import { CARD_TEMPLATE_ID, openApiClientFor, TEST_PEOPLE } from '../../support/dingtalk/dingtalk-harness';

const clock = { now: () => new Date() };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let nextTicket = 1;

function escalation(at: Date, locale = 'en'): NoticeDraft {
  const id = nextTicket++;
  const ref = `R-${String(id).padStart(6, '0')}`;
  return {
    eventKey: `threshold:${ref}-tto-1`,
    ticketId: id,
    ref,
    eventCode: id % 2 ? 'tto' : 'ttr1',
    personId: 'p-bob',
    userId: 'u-bob',
    locale,
    via: 'service_lead',
    status: 'pending',
    reason: null,
    title: `${ref} Not assigned in time`,
    body: `${ref} reached TTO (not assigned within the time to own).`,
    createdAt: at,
  };
}

describeOnDatabases('escalation digest card', (h) => {
  let running: RunningDingTalkEmulator;
  beforeEach(async () => {
    running = await startDingTalkEmulator({ people: TEST_PEOPLE });
  });
  afterEach(async () => {
    await running.close();
  });

  /** A deliverer like the escalation service's: drained on each new notice and when it asks to be woken. */
  function deliverer(templateId: string, windowMs: number) {
    const store = new TypeormNoticeStore(h.db().gate);
    const gateway = new DingTalkChatGateway({ api: openApiClientFor(running), cardTemplateId: templateId });
    let running_: Promise<unknown> = Promise.resolve();
    const timers = new Set<NodeJS.Timeout>();
    const d: NoticeDeliverer = new NoticeDeliverer(store, gateway, clock, noMetrics, silentLog, {
      digestWindowMs: windowMs,
      wake: (inMs) => timers.add(setTimeout(() => void drain(), inMs)),
    });
    const drain = () => (running_ = running_.then(() => d.drain()));
    return { store, drain, stop: () => timers.forEach(clearTimeout) };
  }

  it('10 escalations to one lead within 2 s → 1 card delivery, ≤ 3 updates, each ref on the card, every row sent once', async () => {
    const { store, drain, stop } = deliverer(CARD_TEMPLATE_ID, 10_000);
    const drafts: NoticeDraft[] = [];
    for (let i = 0; i < 10; i++) {
      const d = escalation(new Date());
      drafts.push(d);
      await store.addNotices([d]);
      await drain();
      await sleep(200);
    }
    const rowsOf = async () => (await Promise.all(drafts.map((d) => store.byTicket(d.ticketId)))).flat();
    for (let i = 0; i < 50 && (await rowsOf()).some((n) => n.status !== 'sent'); i++) await sleep(100);
    stop();
    const rows = await rowsOf();
    expect(rows.map((n) => n.status)).toEqual(Array(10).fill('sent'));
    // each ref reached the lead within ~1 s of its notice (an update at most a second after the previous card call)
    for (const n of rows) expect(n.sentAt!.getTime() - n.createdAt.getTime()).toBeLessThan(1_500);
    const digestCards = running.emulator.cards().filter((c) => c.outTrackId.startsWith('digest:u-bob:'));
    expect(digestCards).toHaveLength(1);
    const card = digestCards[0]!;
    expect(card.history.filter((e) => e.source === 'create')).toHaveLength(1);
    const puts = card.history.filter((e) => e.source === 'put');
    expect(puts.length).toBeGreaterThanOrEqual(1);
    expect(puts.length).toBeLessThanOrEqual(3);
    // one push: the lead received one thing, the card
    expect(running.emulator.messagesReceivedBy('u-bob')).toMatchObject([{ kind: 'card', outTrackId: card.outTrackId }]);
    const seen = running.emulator.cardViewFor(card.outTrackId, 'u-bob')!;
    expect(seen).toMatchObject({ status: 'digest', status_label: 'Escalations', title: '10 tickets escalated' });
    for (const d of drafts) expect(seen.fields).toContain(d.ref);
    // no second message or card naming a ref
    expect(running.emulator.cards().filter((c) => c.spaces.some((s) => s.id === 'u-bob'))).toHaveLength(1);
  });

  it('no card template → text: the first escalation at once, the rest of the window as one message at its end; every row sent once', async () => {
    const { store, drain, stop } = deliverer('', 1_500);
    const drafts: NoticeDraft[] = [];
    for (let i = 0; i < 4; i++) {
      const d = escalation(new Date(), 'zh-CN');
      drafts.push(d);
      await store.addNotices([d]);
      await drain();
      if (i === 0) expect(running.emulator.messagesReceivedBy('u-bob').map((e) => e.text)).toEqual([d.body]);
      await sleep(200);
    }
    const rowsOf = async () => (await Promise.all(drafts.map((d) => store.byTicket(d.ticketId)))).flat();
    for (let i = 0; i < 40 && (await rowsOf()).some((n) => n.status !== 'sent'); i++) await sleep(100);
    stop();
    expect((await rowsOf()).map((n) => n.status)).toEqual(Array(4).fill('sent'));
    const got = running.emulator.messagesReceivedBy('u-bob');
    expect(got.map((e) => e.kind)).toEqual(['text', 'text']);
    expect(got[1]!.text).toContain('3 个工单已触发升级');
    for (const d of drafts.slice(1)) expect(got[1]!.text).toContain(d.ref);
    expect(running.emulator.cards()).toHaveLength(0);
  });
});
