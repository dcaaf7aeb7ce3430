import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InboundPipeline } from '../../../../src/adapters/dingtalk/inbound/inbound-pipeline';
import { SpoolDrainer } from '../../../../src/adapters/dingtalk/inbound/spool-drainer';
import { FileSpool } from '../../../../src/adapters/spool/file-spool';
import type { CardActionAnswer, ChatInboundHandler, IncomingCardAction, IncomingChatMessage } from '../../../../src/domain/ports/chat-inbound.port';
import { FlakyInboxStore } from '../../../support/dingtalk/flaky-inbox.store';
import { RecordingLogger } from '../../../support/dingtalk/recording-logger';

const message = (id: string, from = 'u1') => ({ conversationId: 'c', conversationType: '1', msgId: id, senderStaffId: from, msgtype: 'text', text: { content: `hi ${id}` } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Recorder implements ChatInboundHandler {
  messages: string[] = [];
  cards: string[] = [];
  gate: Promise<void> = Promise.resolve();
  async onMessage(m: IncomingChatMessage): Promise<void> {
    await this.gate;
    this.messages.push(m.msgId);
  }
  async onCardAction(a: IncomingCardAction): Promise<CardActionAnswer> {
    this.cards.push(a.callbackId);
    return { forUserId: a.userId, card: { ref: 'R-1', status: 'new', statusLabel: '新建', title: 't', lastMessage: 'l', fields: [], publicActions: [], privateActions: {} } };
  }
}

describe('InboundPipeline with a spool', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbound-spool-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('spools what the inbox cannot take (and what comes after, in order), then drains each once', async () => {
    const inbox = new FlakyInboxStore();
    const handler = new Recorder();
    const spool = new FileSpool({ dir });
    const late: string[] = [];
    const pipeline = new InboundPipeline({ inbox, handler, spool, logger: new RecordingLogger(), onLateCardAnswer: async (o) => void late.push(o) });
    const drainer = new SpoolDrainer(spool, pipeline, new RecordingLogger());

    inbox.down = true;
    expect(await pipeline.acceptMessage(JSON.stringify(message('m-1')), 'f-1', 'stream')).toEqual({ status: 'spooled', id: 'm-1' });
    const content = JSON.stringify({ cardPrivateData: { params: { action: 'ticket.claim', ref: 'R-1' } } });
    expect(await pipeline.acceptCardAction({ outTrackId: 'R-1-g', userId: 'u1', content }, 'cb-1', 'stream')).toEqual({ status: 'spooled', id: 'cb-1' });
    expect(await drainer.drainOnce()).toBe(0); // still down: kept
    inbox.down = false;
    // The inbox answers again, but m-1 still waits in the spool: m-2 queues behind it.
    expect((await pipeline.acceptMessage(JSON.stringify(message('m-2')), 'f-2', 'stream')).status).toBe('spooled');
    // A second delivery of m-1 while it waits: spooled again, stored once.
    expect((await pipeline.acceptMessage(JSON.stringify(message('m-1')), 'f-1', 'stream')).status).toBe('spooled');

    expect(await drainer.drainOnce()).toBe(4);
    await sleep(20);
    expect(inbox.puts).toBe(3);
    expect(handler.messages).toEqual(['m-1', 'm-2']);
    expect(handler.cards).toEqual(['cb-1']);
    expect(late).toEqual(['R-1-g']); // the click is answered late: its card is updated
    expect(inbox.get('m-1')?.doneAt).not.toBeNull();
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(await drainer.drainOnce()).toBe(0);
    // Back to the inbox directly.
    expect((await pipeline.acceptMessage(JSON.stringify(message('m-3')), 'f-3', 'stream')).status).toBe('accepted');
  });

  it('without a spool (or when the spool refuses), a failed inbox write is store-failed', async () => {
    const inbox = new FlakyInboxStore();
    inbox.down = true;
    const bare = new InboundPipeline({ inbox, handler: new Recorder() });
    expect((await bare.acceptMessage(JSON.stringify(message('m-1')), 'f', 'stream')).status).toBe('store-failed');
    const refusing = new InboundPipeline({ inbox, handler: new Recorder(), spool: { append: () => { throw new Error('ENOSPC'); }, hasOwnFrames: () => false } });
    expect((await refusing.acceptMessage(JSON.stringify(message('m-1')), 'f', 'stream')).status).toBe('store-failed');
  });
});

describe('InboundPipeline in-flight limit', () => {
  it('beyond MAX_IN_FLIGHT stores and queues, tells each sender once a minute, and processes each once as slots free', async () => {
    const inbox = new FlakyInboxStore();
    const handler = new Recorder();
    let release!: () => void;
    handler.gate = new Promise((r) => (release = r));
    const told: string[] = [];
    const pipeline = new InboundPipeline({ inbox, handler, maxInFlight: 2, onQueued: async (m) => void told.push(m.msgId) });
    const runs: Array<Promise<void>> = [];
    for (const [id, from] of [['m-1', 'a'], ['m-2', 'a'], ['m-3', 'a'], ['m-4', 'a'], ['m-5', 'b']]) {
      const acceptance = await pipeline.acceptMessage(JSON.stringify(message(id, from)), id, 'stream');
      expect(acceptance.status).toBe('accepted');
      if (acceptance.status === 'accepted') runs.push(acceptance.process());
    }
    expect(pipeline.intake()).toEqual({ inFlight: 2, queued: 3, maxInFlight: 2 });
    expect(inbox.size()).toBe(5);
    expect(told).toEqual(['m-3', 'm-5']); // a once (within the minute), b once
    release();
    await Promise.all(runs);
    expect(handler.messages.sort()).toEqual(['m-1', 'm-2', 'm-3', 'm-4', 'm-5']);
    expect(pipeline.intake()).toEqual({ inFlight: 0, queued: 0, maxInFlight: 2 });
  });
});
