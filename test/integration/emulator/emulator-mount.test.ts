/**
 * The emulator mounted into a bot-like Koa app on the bot's own HTTP server (demo mode), and its HTTP surface:
 * page, page API, fault switches, and DingTalk's error envelopes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from '@koa/router';
import Koa from 'koa';
import request from 'supertest';
import { createDingTalkEmulator, type DingTalkEmulator } from '../../../src/emulator';
import { InMemoryInboxStore } from '../../support/dingtalk/in-memory-inbox.store';
import { InboundPipeline } from '../../../src/adapters/dingtalk/inbound/inbound-pipeline';
import { DingTalkStreamReceiver } from '../../../src/adapters/dingtalk/stream/dingtalk-stream.receiver';
import type { ChatInboundHandler, IncomingChatMessage } from '../../../src/domain/ports/chat-inbound.port';
import { TEST_GROUP_ID, TEST_PEOPLE } from '../../support/dingtalk/dingtalk-harness';

describe('emulator mounted in the bot’s Koa app', () => {
  let emulator: DingTalkEmulator;
  let server: http.Server;
  let receiver: DingTalkStreamReceiver;
  const received: IncomingChatMessage[] = [];

  beforeAll(async () => {
    emulator = createDingTalkEmulator({ people: TEST_PEOPLE, groups: [{ conversationId: TEST_GROUP_ID, title: 'IT 服务台' }] });
    const app = new Koa();
    const own = new Router();
    own.get('/healthz', (ctx) => {
      ctx.body = { dingtalk: receiver.health().up ? 'up' : 'down' };
    });
    app.use(own.routes());
    app.use(emulator.router.routes()).use(emulator.router.allowedMethods());
    server = http.createServer(app.callback());
    emulator.attach(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

    const handler: ChatInboundHandler = {
      onMessage: async (m) => void received.push(m),
      onCardAction: async () => null,
    };
    receiver = new DingTalkStreamReceiver({
      client: { ...emulator.credentials(), gatewayUrl: emulator.endpoints().gatewayUrl, keepAliveIntervalMs: 500 },
      pipeline: new InboundPipeline({ inbox: new InMemoryInboxStore(), handler }),
    });
    await receiver.start();
    await emulator.waitFor(() => receiver.health().up, 3000, 'stream up');
  });

  afterAll(async () => {
    await receiver.stop();
    await emulator.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });

  it('serves the page at / next to the bot’s own routes, and endpoints point at the same server', async () => {
    const port = (server.address() as AddressInfo).port;
    expect(emulator.endpoints()).toEqual({
      apiBase: `http://127.0.0.1:${port}`,
      oapiBase: `http://127.0.0.1:${port}`,
      gatewayUrl: `http://127.0.0.1:${port}/v1.0/gateway/connections/open`,
    });
    const page = await request(server).get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('DingTalk emulator');
    expect(page.text).not.toMatch(/<script[^>]+src=|<link[^>]+href=/); // nothing to fetch: no CDN, no build step
    expect((await request(server).get('/healthz')).body).toEqual({ dingtalk: 'up' });
  });

  it('page API: a message from the page reaches the stream client; state shows it per viewer', async () => {
    const res = await request(server).post('/emulator/api/messages').send({ fromUserId: 'u-carol', conversationId: TEST_GROUP_ID, text: '会议室投影坏了' });
    expect(res.status).toBe(200);
    await emulator.waitForAcks(res.body.messageId);
    await emulator.waitFor(() => received.length === 1, 2000, 'handler');
    expect(received[0]).toMatchObject({ conversationType: 'group', text: '会议室投影坏了', senderUserId: 'u-carol' });

    const state = await request(server).get('/emulator/api/state').query({ viewer: 'u-alice' });
    expect(state.body.bot).toMatchObject({ connected: true });
    expect(state.body.conversations.map((c: { kind: string }) => c.kind)).toEqual(['dm', 'group']);
    expect(state.body.conversations[1].entries[0]).toMatchObject({ from: { userId: 'u-carol', name: 'Carol 张' }, text: '会议室投影坏了' });
    const again = await request(server).get('/emulator/api/state').query({ viewer: 'u-alice', since: state.body.version });
    expect(again.body).toEqual({ version: state.body.version, unchanged: true });
    expect((await request(server).post('/emulator/api/messages').send({ fromUserId: 'u-nobody', text: 'x' })).status).toBe(400);
  });

  it('fault switches over HTTP and DingTalk’s two error envelopes', async () => {
    const tokenRes = await request(server).post('/v1.0/oauth2/accessToken').send({ appKey: emulator.credentials().clientId, appSecret: emulator.credentials().clientSecret });
    const token = tokenRes.body.accessToken as string;
    expect(tokenRes.body.expireIn).toBe(7200);
    // Same token while valid (DingTalk extends it).
    expect((await request(server).post('/v1.0/oauth2/accessToken').send({ appKey: emulator.credentials().clientId, appSecret: emulator.credentials().clientSecret })).body.accessToken).toBe(token);

    const missing = await request(server).post('/v1.0/robot/groupMessages/send').send({});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'AuthenticationFailed.MissingParameter', requestid: expect.any(String) });
    const legacy = await request(server).post('/topapi/v2/user/get').send({ userid: 'u-alice' });
    expect(legacy.status).toBe(200);
    expect(legacy.body).toMatchObject({ errcode: 88, sub_code: '40000' });
    const legacyBad = await request(server).get('/gettoken').query({ appkey: 'x', appsecret: 'y' });
    expect(legacyBad.body).toMatchObject({ errcode: 40096 });

    const auth = { 'x-acs-dingtalk-access-token': token };
    const over = await request(server)
      .post('/v1.0/robot/oToMessages/batchSend')
      .set(auth)
      .send({ robotCode: emulator.credentials().robotCode, userIds: Array.from({ length: 21 }, (_, i) => `u${i}`), msgKey: 'sampleText', msgParam: '{"content":"x"}' });
    expect(over.body.code).toBe('invalidParameter.userIds.overMax');
    const badCard = await request(server)
      .post('/v1.0/card/instances/createAndDeliver')
      .set(auth)
      .send({ cardTemplateId: 't', outTrackId: 'o', cardData: { cardParamMap: { n: 3 } }, openSpaceId: 'dtv1.card//IM_ROBOT.u-alice' });
    expect(badCard.body.code).toBe('param.cardDataInvalid');

    expect((await request(server).post('/emulator/api/faults').send({ kind: 'throttle', api: 'robot.groupMessages.send' })).status).toBe(200);
    const throttled = await request(server)
      .post('/v1.0/robot/groupMessages/send')
      .set(auth)
      .send({ robotCode: emulator.credentials().robotCode, openConversationId: TEST_GROUP_ID, msgKey: 'sampleText', msgParam: '{"content":"x"}' });
    expect(throttled.status).toBe(403);
    expect(throttled.body.code).toBe('Forbidden.AccessDenied.QpsLimitForAppkeyAndApi');
    expect((await request(server).post('/emulator/api/faults').send({ kind: 'expireTokens' })).status).toBe(200);
    expect((await request(server).post('/v1.0/robot/groupMessages/send').set(auth).send({})).body.code).toBe('InvalidAuthentication');
    expect((await request(server).post('/emulator/api/faults').send({ kind: 'bogus' })).status).toBe(400);

    const inspect = await request(server).get('/emulator/api/inspect');
    expect(inspect.body.apiCallCounts['robot.groupMessages.send']).toBe(3);
  });
});
