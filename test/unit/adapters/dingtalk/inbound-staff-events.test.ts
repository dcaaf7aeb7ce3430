/**
 * The pipeline's address-book events: stored under their eventId before the handler runs, a duplicate stops there,
 * an inbox that cannot store answers `store-failed` (the receiver answers LATER), a failing handler leaves the entry
 * for the sweep, and a replay of the stored entry runs the handler again.
 */
import { InMemoryInboxStore } from '../../../support/dingtalk/in-memory-inbox.store';
import { InboundPipeline } from '../../../../src/adapters/dingtalk/inbound/inbound-pipeline';
import type { ChatInboundHandler, StaffEvent } from '../../../../src/domain/ports/chat-inbound.port';

const chat: ChatInboundHandler = { onMessage: async () => undefined, onCardAction: async () => null };
const headers = { eventType: 'user_leave_org', eventId: 'ev-7', messageId: 'm-7' };

describe('InboundPipeline address-book events', () => {
  it('stores, then processes once; a duplicate has no effect', async () => {
    const inbox = new InMemoryInboxStore();
    const seen: StaffEvent[] = [];
    const pipeline = new InboundPipeline({ inbox, handler: chat, staff: { onStaffEvent: async (e) => void seen.push(e) } });
    const first = await pipeline.acceptStaffEvent(headers, '{"userId":["u1"]}', 'test');
    expect(first.status).toBe('accepted');
    expect(seen).toEqual([]); // stored, not yet processed: the ACK goes first
    expect((await inbox.entry('ev-7'))?.kind).toBe('staff');
    if (first.status === 'accepted') await first.process();
    expect(seen.map((e) => e.userIds)).toEqual([['u1']]);
    expect((await inbox.entry('ev-7'))?.status).toBe('done');
    expect(await pipeline.acceptStaffEvent(headers, '{"userId":["u1"]}', 'test')).toEqual({ status: 'duplicate', id: 'ev-7' });
    expect(seen).toHaveLength(1);
  });

  it('store-failed when the inbox refuses; ignored without a staff handler or for other events', async () => {
    const inbox = new InMemoryInboxStore();
    inbox.put = async () => {
      throw new Error('database down');
    };
    const pipeline = new InboundPipeline({ inbox, handler: chat, staff: { onStaffEvent: async () => undefined } });
    expect(await pipeline.acceptStaffEvent(headers, '{"userId":"u1"}', 'test')).toEqual({ status: 'store-failed', id: 'ev-7' });
    const none = new InboundPipeline({ inbox: new InMemoryInboxStore(), handler: chat });
    expect((await none.acceptStaffEvent(headers, '{"userId":"u1"}', 'test')).status).toBe('ignored');
    expect((await pipeline.acceptStaffEvent({ eventType: 'org_dept_create', eventId: 'x' }, '{}', 'test')).status).toBe('ignored');
  });

  it('a failing handler leaves the entry pending for the sweep; the replay runs it again', async () => {
    const inbox = new InMemoryInboxStore();
    let fail = true;
    const seen: string[] = [];
    const pipeline = new InboundPipeline({
      inbox,
      handler: chat,
      staff: {
        onStaffEvent: async (e) => {
          if (fail) throw new Error('boom');
          seen.push(e.eventId);
        },
      },
    });
    const a = await pipeline.acceptStaffEvent(headers, '{"userId":["u1"]}', 'test');
    if (a.status === 'accepted') await a.process();
    expect((await inbox.entry('ev-7'))?.status).toBe('pending');
    fail = false;
    await pipeline.replay((await inbox.entry('ev-7'))!);
    expect(seen).toEqual(['ev-7']);
    expect((await inbox.entry('ev-7'))?.status).toBe('done');
  });
});
