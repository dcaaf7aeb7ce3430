/**
 * Escalation notices to one person within 10 s go as one message naming every ref; each notice row still ends sent
 * or failed on its own; other notices are not held. A fake clock drives the deliverer's polls.
 */
import { NoticeDeliverer, priorityOfNotice } from '../../../src/escalation/notice-deliverer';
import { ESCALATION_DIGEST_MS, renderDigest } from '../../../src/escalation/escalation-digest';
import type { Notice, NoticeDraft, NoticeStore } from '../../../src/domain/ports/notice-store.port';
import { noMetrics } from '../../../src/domain/ports/escalation-metrics.port';
import { silentLog } from '../../../src/domain/ports/log.port';
import { FakeClock } from '../../support/fake-clock';
import { InMemoryChatGateway } from '../../support/in-memory-chat-gateway';

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
  const deliverer = new NoticeDeliverer(store, gateway, clock, noMetrics, silentLog, { digestWindowMs: ESCALATION_DIGEST_MS, backoffMs: 1000 });
  return { clock, store, gateway, deliverer };
}

describe('escalation digest', () => {
  it('5 escalations to one lead within 10 s → one message naming the 5 refs; every row sent; other notices not held', async () => {
    const { clock, store, gateway, deliverer } = setUp();
    const refs = ['R-000001', 'R-000002', 'R-000003', 'R-000004', 'R-000005'];
    for (let s = 0; s <= 12; s++) {
      if (s % 2 === 0 && s / 2 < refs.length) await store.addNotices([draft(refs[s / 2]!, 'ttr2', clock.now())]);
      if (s === 3) await store.addNotices([{ ...draft('R-000009', 'created', clock.now()), eventKey: 'e-9', title: 'R-000009 New request', body: 'New request R-000009 is waiting to be claimed.' }]);
      await deliverer.drain();
      if (s === 3) expect(gateway.messages.map((m) => m.message.title)).toEqual(['R-000009 New request']); // at once
      if (s === 9) expect(gateway.messages).toHaveLength(1); // the escalations wait for their window
      clock.advance(1000);
    }
    const toLead = gateway.messages.filter((m) => m.userId === 'u-lead').map((m) => m.message);
    expect(toLead).toHaveLength(2);
    const digest = toLead[1]!;
    expect(digest.title).toBe('5 tickets escalated');
    for (const ref of refs) expect(digest.text).toContain(ref);
    expect(store.rows.filter((n) => n.eventCode === 'ttr2').map((n) => n.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
  });

  it('a failed digest marks each of its notices failed; they are retried (merged again) and end sent', async () => {
    const { clock, store, gateway, deliverer } = setUp();
    await store.addNotices([draft('R-000001', 'tto', clock.now()), draft('R-000002', 'ttr1', clock.now())]);
    gateway.failFor('u-lead', 1);
    await deliverer.drain();
    clock.advance(ESCALATION_DIGEST_MS);
    await deliverer.drain();
    expect(store.rows.map((n) => [n.status, n.lastError !== null])).toEqual([
      ['pending', true],
      ['pending', true],
    ]);
    for (let i = 0; i < 3; i++) {
      clock.advance(ESCALATION_DIGEST_MS);
      await deliverer.drain();
    }
    expect(store.rows.map((n) => n.status)).toEqual(['sent', 'sent']);
    const delivered = gateway.messages.filter((m) => m.userId === 'u-lead');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.message.text).toMatch(/R-000001[\s\S]*R-000002/);
  });

  it('words the digest in the recipient\'s language; escalations and new or assigned tickets go as `act`', () => {
    const zh = renderDigest([draft('R-000001', 'tto', T0, 'zh-CN'), draft('R-000002', 'tto', T0, 'zh-CN')].map((d, i) => ({ ...d, id: i, attempts: 0, nextAttemptAt: T0, lastError: null, sentAt: null })));
    expect(zh.title).toBe('2 个工单已升级');
    expect(zh.text.split('\n').slice(0, 3)).toEqual(['2 个工单已触发升级：', '- R-000001 Escalated: TTR-2', '- R-000002 Escalated: TTR-2']);
    expect(['tto', 'ttr3', 'created', 'assigned', 'resolved', 'agent_note'].map((eventCode) => priorityOfNotice({ eventCode }))).toEqual(['act', 'act', 'act', 'act', 'inform', 'inform']);
  });
});
