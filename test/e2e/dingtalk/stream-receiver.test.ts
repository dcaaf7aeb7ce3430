/**
 * The real `dingtalk-stream@2.1.5` client (subclassed: ResilientStreamClient) against the emulator over
 * HTTP + WebSocket on 127.0.0.1, with the InboundPipeline, an in-memory inbox and the test-only ticket handler.
 */
import type { InboxStore } from '../../../src/domain/ports/inbox.port';
import { InMemoryInboxStore } from '../../support/dingtalk/in-memory-inbox.store';
import { InboundPipeline } from '../../../src/adapters/dingtalk/inbound/inbound-pipeline';
import { TOPIC_CARD_CALLBACK, TOPIC_ROBOT_MESSAGE } from '../../../src/adapters/dingtalk/openapi/dingtalk-api-names';
import { DingTalkStreamReceiver } from '../../../src/adapters/dingtalk/stream/dingtalk-stream.receiver';
import { ResilientStreamClient } from '../../../src/adapters/dingtalk/stream/resilient-stream.client';
import { startDingTalkEmulator } from '../../../src/emulator';
import { startHarness, TEST_GROUP_ID, TEST_PEOPLE, type Harness } from '../../support/dingtalk/dingtalk-harness';
import { RecordingLogger } from '../../support/dingtalk/recording-logger';
import { TicketEchoHandler } from '../../support/dingtalk/ticket-echo.handler';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Stream receiver ↔ emulator', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('stores, acknowledges and then processes a DM; the connection is up after a pong', async () => {
    h = await startHarness();
    const emu = h.running.emulator;
    const sent = emu.sendRobotMessage({ fromUserId: 'u-alice', text: '打印机卡纸' });
    const [ack] = await emu.waitForAcks(sent.messageId);
    expect(ack).toMatchObject({ code: 200, data: { response: null } });
    await emu.waitFor(() => emu.messagesReceivedBy('u-bob').length === 1, 5000, 'agent card');

    expect(h.handler.messages).toHaveLength(1);
    expect(h.handler.messages[0]).toMatchObject({
      msgId: sent.msgId,
      senderUserId: 'u-alice',
      senderNick: 'Alice 王',
      conversationType: 'dm',
      mentioned: true,
      text: '打印机卡纸',
      msgType: 'text',
    });
    await emu.waitFor(() => h.inbox.get(sent.msgId)?.doneAt != null, 2000, 'inbox row done');
    expect(emu.messagesReceivedBy('u-alice').map((m) => m.text ?? m.kind)).toEqual(['R-000001 received', 'card']);
    expect(h.receiver.health()).toMatchObject({ state: 'open', up: true, registrationAttempts: 1 });
  });

  it('acknowledges every delivery of the same frame but acts once', async () => {
    h = await startHarness();
    const emu = h.running.emulator;
    const sent = emu.sendRobotMessage({ fromUserId: 'u-alice', text: 'VPN down' });
    await emu.waitForAcks(sent.messageId, 1);
    expect(emu.redeliver(sent.messageId)).toBe(true);
    expect(emu.redeliver(sent.messageId)).toBe(true);
    const acks = await emu.waitForAcks(sent.messageId, 3);
    expect(acks.map((a) => a.code)).toEqual([200, 200, 200]);
    await emu.waitFor(() => emu.cards().length === 2, 3000, 'cards');
    await sleep(100);
    expect(h.handler.messages).toHaveLength(1);
    expect(emu.cards()).toHaveLength(2);
    expect(emu.apiCallCounts()['robot.sendBySession']).toBe(1);
    expect(h.logger.find('dingtalk.inbound.duplicate_dropped')).toHaveLength(2);
  });

  it('takes group messages that @mention the bot and replies in the group', async () => {
    h = await startHarness();
    const emu = h.running.emulator;
    const sent = emu.sendRobotMessage({ fromUserId: 'u-carol', conversationId: TEST_GROUP_ID, text: 'wifi 慢', atUserIds: ['u-bob'] });
    await emu.waitForAcks(sent.messageId);
    await emu.waitFor(() => emu.conversation(TEST_GROUP_ID).length === 2, 3000, 'group reply');
    expect(h.handler.messages[0]).toMatchObject({ conversationType: 'group', conversationId: TEST_GROUP_ID, mentioned: true, text: 'wifi 慢', atUserIds: ['u-bob'] });
    expect(emu.conversation(TEST_GROUP_ID)[1]).toMatchObject({ fromUserId: null, via: 'sessionWebhook', text: 'R-000001 received', atUserIds: ['u-carol'] });
  });

  it('answers messages without text (quota exhausted, pictures) and drops malformed ones, all acknowledged', async () => {
    h = await startHarness();
    const emu = h.running.emulator;
    const quota = emu.sendRobotMessage({ fromUserId: 'u-alice', omitText: true });
    const picture = emu.sendRobotMessage({ fromUserId: 'u-alice', msgtype: 'picture' });
    const garbage = emu.pushFrame(TOPIC_ROBOT_MESSAGE, 'this is not json');
    const noConversation = emu.pushFrame(TOPIC_ROBOT_MESSAGE, { msgId: 'x', msgtype: 'text', text: { content: 'hi' } });
    const badCard = emu.pushFrame(TOPIC_CARD_CALLBACK, { outTrackId: 'nope' });
    expect(emu.sendRawFrame('{not json at all')).toBe(1);
    for (const id of [quota.messageId, picture.messageId, garbage.messageId, noConversation.messageId, badCard.messageId]) {
      expect((await emu.waitForAcks(id))[0].code).toBe(200);
    }
    await emu.waitFor(() => emu.messagesReceivedBy('u-alice').length === 2, 3000, 'two answers');
    expect(h.handler.messages.map((m) => [m.msgType, m.text])).toEqual([
      ['text', null],
      ['picture', null],
    ]);
    expect(emu.messagesReceivedBy('u-alice').map((m) => m.text)).toEqual(['I can only read text messages.', 'I can only read text messages.']);
    expect(h.logger.find('dingtalk.inbound.message_dropped').map((l) => l.meta.reason)).toEqual(['payload is not JSON', 'no conversationId']);
    expect(h.logger.find('dingtalk.inbound.card_dropped')).toHaveLength(1);
    expect(h.logger.find('dingtalk.stream.frame_not_json')).toHaveLength(1);
    // The socket still delivers after the garbage frame (2.1.5 would have stopped here).
    const after = emu.sendRobotMessage({ fromUserId: 'u-carol', text: 'still there?' });
    await emu.waitForAcks(after.messageId);
  });

  it('answers a card click with the clicker’s re-rendered card and updates the other holder by PUT', async () => {
    h = await startHarness();
    const emu = h.running.emulator;
    emu.sendRobotMessage({ fromUserId: 'u-alice', text: 'laptop broken' });
    await emu.waitFor(() => emu.cards().length === 2, 3000, 'cards');
    expect(JSON.parse(emu.cardViewFor('R-000001-contact', 'u-bob')!.actions)).toEqual([
      { label: 'Claim', action: 'ticket.claim', color: 'blue', status: 'normal', input: '', placeholder: '' },
    ]);
    expect(emu.cardViewFor('R-000001-contact', 'u-carol')!.actions).toBe('[]');

    const click = await emu.clickCard({ outTrackId: 'R-000001-contact', userId: 'u-bob', params: { action: 'ticket.claim', ref: 'R-000001' }, actionIds: ['btn_claim'] });
    expect(click.ack?.code).toBe(200);
    expect(click.applied).toBe(true);
    expect(h.handler.actions[0]).toMatchObject({ callbackId: click.messageId, outTrackId: 'R-000001-contact', userId: 'u-bob', params: { action: 'ticket.claim', ref: 'R-000001' }, actionIds: ['btn_claim'] });
    const bobView = emu.cardViewFor('R-000001-contact', 'u-bob')!;
    expect(bobView).toMatchObject({ status: 'assigned', status_label: '处理中' });
    expect(JSON.parse(bobView.actions).map((a: { action: string }) => a.action)).toEqual(['ticket.resolve']);
    await emu.waitFor(() => emu.cardViewFor('R-000001-requester', 'u-alice')?.status === 'assigned', 3000, 'requester card PUT');
    expect(emu.card('R-000001-requester')!.history.map((x) => x.source)).toEqual(['create', 'put']);

    const resolve = await emu.clickCard({ outTrackId: 'R-000001-contact', userId: 'u-bob', params: { action: 'ticket.resolve', ref: 'R-000001', text: 'replaced battery' } });
    expect(resolve.applied).toBe(true);
    expect(emu.cardViewFor('R-000001-contact', 'u-bob')).toMatchObject({ status: 'resolved' });
    // A second delivery of the same click is acknowledged with {"response":null} and has no effect.
    emu.redeliver(resolve.messageId);
    const acks = await emu.waitForAcks(resolve.messageId, 2);
    expect(acks[1].data).toEqual({ response: null });
    expect(h.handler.actions).toHaveLength(2);
  });

  it('answers a slow click with {"response":null} in time and updates the card afterwards', async () => {
    h = await startHarness({ cardAnswerTimeoutMs: 150 });
    const emu = h.running.emulator;
    emu.sendRobotMessage({ fromUserId: 'u-alice', text: 'slow one' });
    await emu.waitFor(() => emu.cards().length === 2, 3000, 'cards');
    const started = Date.now();
    const click = await emu.clickCard({ outTrackId: 'R-000001-contact', userId: 'u-bob', params: { action: 'slow', ref: 'R-000001' } });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(click.ack?.data).toEqual({ response: null });
    expect(click.applied).toBe(false);
    await emu.waitFor(() => emu.cardViewFor('R-000001-contact', 'u-bob')?.notice === 'slow answer', 3000, 'late PUT');
    expect(h.logger.find('dingtalk.inbound.card_answer_late')).toHaveLength(1);
  });

  it('reconnects at once after a SYSTEM disconnect of a stable connection without losing later messages', async () => {
    h = await startHarness({ client: { stableAfterMs: 0, backoff: { initialMs: 5000, maxMs: 5000 } } });
    const emu = h.running.emulator;
    expect(emu.faults.disconnect('connection is expired', 300)).toBe(1);
    const during = [1, 2, 3].map((i) => emu.sendRobotMessage({ fromUserId: 'u-alice', text: `during ${i}` }));
    await emu.waitFor(() => emu.connections().length === 2 && emu.liveConnectionCount() === 1, 3000, 'second connection');
    const after = [1, 2].map((i) => emu.sendRobotMessage({ fromUserId: 'u-carol', text: `after ${i}` }));
    for (const m of [...during, ...after]) await emu.waitForAcks(m.messageId);
    await emu.waitFor(() => h.handler.messages.length === 5, 3000, 'five messages');
    expect(h.handler.messages.map((m) => m.text).sort()).toEqual(['after 1', 'after 2', 'during 1', 'during 2', 'during 3']);
    await emu.waitFor(() => emu.connections().filter((c) => c.closedAt !== null).length === 1, 3000, 'old socket closed');
    expect(h.receiver.health()).toMatchObject({ state: 'open', reconnects: 1 });
    expect(emu.registrations()).toHaveLength(2);
    expect(h.logger.find('dingtalk.stream.server_disconnect')[0].meta.reason).toBe('connection is expired');
  });

  it('reconnects after an abrupt drop and delivers what was sent meanwhile', async () => {
    h = await startHarness();
    const emu = h.running.emulator;
    emu.faults.dropConnections();
    await emu.waitFor(() => h.receiver.health().state !== 'open', 2000, 'client noticed the drop');
    const meanwhile = emu.sendRobotMessage({ fromUserId: 'u-alice', text: 'while offline' });
    await emu.waitForAcks(meanwhile.messageId, 1, 5000);
    expect(h.handler.messages.map((m) => m.text)).toEqual(['while offline']);
    expect(h.logger.find('dingtalk.stream.connection_lost')).toHaveLength(1);
  });

  it('two processes of one app share the pushes: each message reaches one of the connections, in turn', async () => {
    h = await startHarness();
    const emu = h.running.emulator;
    const second = new TicketEchoHandler({ gateway: h.gateway, api: h.api, contactUserId: 'u-bob', slowMs: 600 });
    const { clientId, clientSecret } = emu.credentials();
    const other = new DingTalkStreamReceiver({
      client: { clientId, clientSecret, gatewayUrl: h.running.endpoints.gatewayUrl, keepAliveIntervalMs: 500, drainMs: 200, logger: h.logger },
      pipeline: new InboundPipeline({ inbox: new InMemoryInboxStore(), handler: second, logger: h.logger, cardAnswerTimeoutMs: 1000 }),
      logger: h.logger,
    });
    await other.start();
    try {
      await emu.waitFor(() => emu.liveConnectionCount() === 2, 5000, 'second connection');
      const sent = [1, 2, 3, 4].map((i) => emu.sendRobotMessage({ fromUserId: 'u-alice', text: `shared ${i}` }));
      for (const m of sent) expect((await emu.waitForAcks(m.messageId))[0]).toMatchObject({ code: 200 });
      await emu.waitFor(() => h.handler.messages.length + second.messages.length === 4, 3000, 'four messages handled');
      expect(h.handler.messages.map((m) => m.text)).toEqual(['shared 1', 'shared 3']);
      expect(second.messages.map((m) => m.text)).toEqual(['shared 2', 'shared 4']);
    } finally {
      await other.stop();
    }
  });

  it('echoes SYSTEM pings and reports health: down when the last pong is older than 20 s, stopped after stop()', async () => {
    let skewMs = 0;
    h = await startHarness({ client: { now: () => Date.now() + skewMs, keepAliveIntervalMs: 60_000 } });
    const emu = h.running.emulator;
    const [opaque] = emu.sendSystemPing();
    await emu.waitFor(() => emu.pongReceived(opaque), 2000, 'ping echo');
    await emu.waitFor(() => h.receiver.health().lastPongAt !== null, 2000, 'first pong');
    expect(h.receiver.health()).toMatchObject({ state: 'open', up: true });
    skewMs = 20_001;
    expect(h.receiver.health()).toMatchObject({ state: 'open', up: false });
    await h.receiver.stop();
    expect(h.receiver.health()).toMatchObject({ state: 'stopped', up: false });
  });

  it('answers 500 on the ACK when the inbox cannot store, and does not process', async () => {
    const failing: InboxStore = {
      put: async () => {
        throw new Error('db down');
      },
      markDone: async () => undefined,
      markFailed: async () => undefined,
      claim: async () => false,
      pending: async () => [],
      entry: async () => null,
      purge: async () => 0,
    };
    h = await startHarness({ connect: false });
    const emu = h.running.emulator;
    const pipeline = new InboundPipeline({ inbox: failing, handler: h.handler, logger: h.logger });
    const receiver = new DingTalkStreamReceiver({
      client: { ...emu.credentials(), gatewayUrl: h.running.endpoints.gatewayUrl, logger: h.logger },
      pipeline,
      logger: h.logger,
    });
    await receiver.start();
    try {
      const sent = emu.sendRobotMessage({ fromUserId: 'u-alice', text: 'lost?' });
      const [ack] = await emu.waitForAcks(sent.messageId);
      expect(ack).toMatchObject({ code: 500, message: 'inbox unavailable' });
      expect(h.handler.messages).toHaveLength(0);
      expect(h.logger.find('dingtalk.inbound.inbox_unavailable')).toHaveLength(1);
    } finally {
      await receiver.stop();
    }
  });

  it('never logs the client secret, access tokens or sessionWebhook URLs', async () => {
    h = await startHarness();
    const emu = h.running.emulator;
    const sent = emu.sendRobotMessage({ fromUserId: 'u-alice', text: 'secret check' });
    await emu.waitForAcks(sent.messageId);
    await emu.waitFor(() => emu.cards().length === 2, 3000, 'cards');
    const token = await h.api.getAccessToken();
    const dump = h.logger.dump();
    expect(dump).not.toContain(emu.credentials().clientSecret);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain('sendBySession');
  });
});

describe('Stream client with bad credentials', () => {
  it('logs one clear line per attempt, backs off (no 1 s storm) and stop() cancels the scheduled retry', async () => {
    const running = await startDingTalkEmulator({ people: TEST_PEOPLE });
    const logger = new RecordingLogger();
    const client = new ResilientStreamClient({
      clientId: running.emulator.credentials().clientId,
      clientSecret: 'wrong-secret',
      gatewayUrl: running.endpoints.gatewayUrl,
      backoff: { initialMs: 100, maxMs: 2000, multiplier: 2, jitterRatio: 0.2 },
      logger,
    });
    try {
      await client.connect();
      await sleep(1600);
      const attempts = running.emulator.registrations();
      // 0, ~100, ~300, ~700, ~1500 ms: 5 at most in 1.6 s, with growing gaps (2.1.5 retries every 1 s forever).
      expect(attempts.length).toBeGreaterThanOrEqual(3);
      expect(attempts.length).toBeLessThanOrEqual(5);
      expect(attempts.every((a) => !a.ok && a.status === 400)).toBe(true);
      // Timers never fire early: gap i is at least 100·2^i ms (20 ms slack for request round trips).
      const gaps = attempts.slice(1).map((a, i) => a.at - attempts[i].at);
      gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(100 * 2 ** i - 20));
      const lines = logger.find('dingtalk.stream.registration_rejected');
      expect(lines).toHaveLength(attempts.length);
      expect(lines[0]).toMatchObject({ level: 'error', meta: { status: 400, code: 'invalidClientIdOrSecret' } });
      expect(String(lines[0].meta.hint)).toContain('DINGTALK_CLIENT_SECRET');
      // Read once the client waits between attempts (a retry may be under way at the moment of reading): the
      // failures it counts are the registrations the emulator refused.
      for (let i = 0; i < 50 && client.health().state !== 'waiting'; i++) await sleep(20);
      expect(client.health()).toMatchObject({ state: 'waiting', up: false, consecutiveFailures: running.emulator.registrations().length });

      await client.stop();
      const count = running.emulator.registrations().length;
      await sleep(1200);
      expect(running.emulator.registrations()).toHaveLength(count);
      expect(logger.dump()).not.toContain('wrong-secret');
    } finally {
      await client.stop();
      await running.close();
    }
  });

  it('refuses an empty client id with a message naming the variables', () => {
    expect(() => new ResilientStreamClient({ clientId: '', clientSecret: 'x' })).toThrow(/DINGTALK_CLIENT_ID/);
  });

  it('a gateway ticket opens exactly one connection', async () => {
    const running = await startDingTalkEmulator({ people: TEST_PEOPLE });
    const { default: WebSocket } = await import('ws');
    try {
      const res = await fetch(running.endpoints.gatewayUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ ...running.emulator.credentials(), ua: '', subscriptions: [{ type: 'CALLBACK', topic: TOPIC_ROBOT_MESSAGE }] }),
      });
      const { endpoint, ticket } = (await res.json()) as { endpoint: string; ticket: string };
      expect(endpoint).toBe(`ws://127.0.0.1:${running.port}/connect`);
      const open = (url: string) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.on('open', () => {
            ws.close();
            resolve('open');
          });
          ws.on('error', (err) => resolve(String(err.message)));
        });
      expect(await open(`${endpoint}?ticket=${ticket}`)).toBe('open');
      expect(await open(`${endpoint}?ticket=${ticket}`)).toContain('401');
    } finally {
      await running.close();
    }
  });
});

describe('Stream client told to go away right after each connect', () => {
  it('backs off instead of reconnecting in a tight loop', async () => {
    const h = await startHarness({ client: { backoff: { initialMs: 100, maxMs: 2000, jitterRatio: 0 }, stableAfterMs: 10_000 } });
    const emu = h.running.emulator;
    try {
      const started = Date.now();
      // Send disconnect to every new connection as soon as it is up, for ~1.2 s.
      while (Date.now() - started < 1200) {
        if (emu.liveConnectionCount() > 0) emu.faults.disconnect('load balancing', 50);
        await sleep(10);
      }
      // initial 100 ms doubling: connects at ~0, ~100, ~300, ~700 ms (+ handshake) — not every few ms.
      expect(emu.registrations().length).toBeLessThanOrEqual(5);
      expect(emu.registrations().length).toBeGreaterThanOrEqual(3);
    } finally {
      await h.close();
    }
  });
});
