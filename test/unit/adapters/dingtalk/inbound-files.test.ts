/**
 * Non-text frames take the same ingest path as text (docs/architecture.md "Chat message → ticket → card"): stored in
 * the inbox with their files and recognition before the ACK, or spooled when the inbox is down; a duplicate id has
 * no second effect; a replay or a drained spool frame hands the handler the same files.
 */
import { InboundPipeline, type FrameSpool } from '../../../../src/adapters/dingtalk/inbound/inbound-pipeline';
import type { CardActionAnswer, ChatInboundHandler, IncomingChatMessage } from '../../../../src/domain/ports/chat-inbound.port';
import { InMemoryInboxStore } from '../../../support/dingtalk/in-memory-inbox.store';

const voice = {
  conversationId: 'c',
  conversationType: '1',
  msgId: 'm-voice',
  senderStaffId: 'u1',
  msgtype: 'audio',
  content: { downloadCode: 'dc-1', recognition: '打印机坏了', duration: 2000 },
};
const picture = { ...voice, msgId: 'm-pic', msgtype: 'picture', content: { downloadCode: 'dc-2', pictureDownloadCode: 'pdc-2' } };

class Recording implements ChatInboundHandler {
  seen: IncomingChatMessage[] = [];
  async onMessage(m: IncomingChatMessage): Promise<void> {
    this.seen.push(m);
  }
  async onCardAction(): Promise<CardActionAnswer> {
    return null;
  }
}

describe('InboundPipeline with files', () => {
  it('stores a voice frame with its file and recognition before processing; a second delivery has no effect', async () => {
    const inbox = new InMemoryInboxStore();
    const handler = new Recording();
    const pipeline = new InboundPipeline({ inbox, handler });
    const accepted = await pipeline.acceptMessage(JSON.stringify(voice), 'frame-1', 'stream');
    expect(accepted.status).toBe('accepted');
    const stored = JSON.parse(inbox.get('m-voice')!.payload) as IncomingChatMessage;
    expect(stored).toMatchObject({ msgType: 'audio', recognition: '打印机坏了', files: [{ kind: 'audio', downloadCode: 'dc-1', durationMs: 2000 }] });
    if (accepted.status === 'accepted') await accepted.process();
    expect((await pipeline.acceptMessage(JSON.stringify(voice), 'frame-2', 'stream')).status).toBe('duplicate');
    expect(handler.seen.map((m) => m.files?.[0]?.downloadCode)).toEqual(['dc-1']);
  });

  it('spools a picture frame while the inbox is down; draining it hands the handler the same file', async () => {
    const inbox = new InMemoryInboxStore();
    const frames: Array<Parameters<FrameSpool['append']>[0]> = [];
    const spool: FrameSpool = { append: (f) => void frames.push(f), hasOwnFrames: () => frames.length > 0 };
    const put = inbox.put.bind(inbox);
    inbox.put = async () => {
      throw new Error('database down');
    };
    const handler = new Recording();
    const pipeline = new InboundPipeline({ inbox, handler, spool });
    expect((await pipeline.acceptMessage(picture, 'frame-3', 'stream')).status).toBe('spooled');
    expect(frames).toHaveLength(1);
    inbox.put = put;
    expect(await pipeline.takeSpooled(frames[0]!)).toBe('new');
    for (let i = 0; i < 50 && handler.seen.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(handler.seen.map((m) => m.files)).toEqual([[{ kind: 'picture', downloadCode: 'dc-2', name: null }]]);
    expect(await pipeline.takeSpooled(frames[0]!)).toBe('duplicate');
  });
});
