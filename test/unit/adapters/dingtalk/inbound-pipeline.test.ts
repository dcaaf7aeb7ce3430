import { InMemoryInboxStore } from '../../../support/dingtalk/in-memory-inbox.store';
import { InboundPipeline } from '../../../../src/adapters/dingtalk/inbound/inbound-pipeline';
import type { CardActionAnswer, ChatInboundHandler, IncomingCardAction, IncomingChatMessage } from '../../../../src/domain/ports/chat-inbound.port';
import { RecordingLogger } from '../../../support/dingtalk/recording-logger';

const message = { conversationId: 'c', conversationType: '1', msgId: 'm-1', senderStaffId: 'u1', msgtype: 'text', text: { content: 'hi' } };

class FlakyHandler implements ChatInboundHandler {
  calls = 0;
  async onMessage(_m: IncomingChatMessage): Promise<void> {
    this.calls += 1;
    if (this.calls === 1) throw new Error('db hiccup');
  }
  async onCardAction(a: IncomingCardAction): Promise<CardActionAnswer> {
    return { forUserId: a.userId, card: { ref: 'R-1', status: 'new', statusLabel: '新建', title: 't', lastMessage: 'l', fields: [], publicActions: [], privateActions: {} } };
  }
}

describe('InboundPipeline', () => {
  it('stores before processing, records a failure, and the sweep replays it to done', async () => {
    const inbox = new InMemoryInboxStore();
    const handler = new FlakyHandler();
    let now = new Date('2026-01-01T00:00:00Z');
    const pipeline = new InboundPipeline({ inbox, handler, logger: new RecordingLogger(), now: () => now });
    const acceptance = await pipeline.acceptMessage(JSON.stringify(message), 'frame-1', 'stream');
    expect(acceptance.status).toBe('accepted');
    expect(inbox.get('m-1')).toMatchObject({ kind: 'message', doneAt: null });
    if (acceptance.status === 'accepted') await acceptance.process();
    expect(inbox.get('m-1')).toMatchObject({ doneAt: null, lastError: 'db hiccup', attempts: 1 });
    expect((await pipeline.acceptMessage(JSON.stringify(message), 'frame-2', 'stream')).status).toBe('duplicate');

    now = new Date('2026-01-01T00:00:10Z');
    const pending = await inbox.pending(now, 10);
    expect(pending.map((e) => e.id)).toEqual(['m-1']);
    await pipeline.replay(pending[0]);
    expect(handler.calls).toBe(2);
    expect(inbox.get('m-1')?.doneAt).toEqual(now);
    expect(await inbox.pending(now, 10)).toEqual([]);
    expect(await inbox.purge(new Date('2026-01-02T00:00:00Z'))).toBe(1);
  });

  it('replays a stored card click and hands the answer to onLateCardAnswer', async () => {
    const inbox = new InMemoryInboxStore();
    const late: string[] = [];
    const pipeline = new InboundPipeline({ inbox, handler: new FlakyHandler(), onLateCardAnswer: async (o) => void late.push(o) });
    const content = JSON.stringify({ cardPrivateData: { params: { action: 'ticket.claim', ref: 'R-1' } } });
    await pipeline.acceptCardAction({ outTrackId: 'R-1-g', userId: 'u1', content }, 'cb-1', 'stream');
    const [entry] = await inbox.pending(new Date(Date.now() + 61_000), 10); // after the receiving process's hold
    await pipeline.replay(entry);
    expect(late).toEqual(['R-1-g']);
  });
});
