/** HTTP robot mode: signature check (vector, tampered, stale) and the store → answer → process path. */
import Koa from 'koa';
import request from 'supertest';
import { createDingTalkHttpRouter } from '../../../src/adapters/dingtalk/http/dingtalk-http-robot.router';
import { dingTalkSign } from '../../../src/adapters/dingtalk/http/dingtalk-signature';
import { InMemoryInboxStore } from '../../support/dingtalk/in-memory-inbox.store';
import { InboundPipeline } from '../../../src/adapters/dingtalk/inbound/inbound-pipeline';
import type { CardActionAnswer, ChatInboundHandler, IncomingCardAction, IncomingChatMessage } from '../../../src/domain/ports/chat-inbound.port';
import { RecordingLogger } from '../../support/dingtalk/recording-logger';

const SECRET = 'this is a secret';
const VECTOR_TS = '1577262236757';
const VECTOR_SIGN = 'DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=';

class RecordingHandler implements ChatInboundHandler {
  messages: IncomingChatMessage[] = [];
  actions: IncomingCardAction[] = [];
  async onMessage(m: IncomingChatMessage): Promise<void> {
    this.messages.push(m);
  }
  async onCardAction(a: IncomingCardAction): Promise<CardActionAnswer> {
    this.actions.push(a);
    return {
      forUserId: a.userId,
      card: { ref: 'R-1', status: 'assigned', statusLabel: '处理中', title: 't', lastMessage: 'R-1 处理中', fields: [], publicActions: [], privateActions: { [a.userId]: [] } },
    };
  }
}

const robotBody = {
  conversationId: 'cidX==',
  conversationType: '1',
  msgId: 'msg-http-1',
  senderStaffId: 'u-alice',
  senderNick: 'Alice',
  msgtype: 'text',
  text: { content: 'hello over http' },
  createAt: 1577262236000,
  sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=abc',
  sessionWebhookExpiredTime: 1577267636000,
};

function setup(nowMs: number) {
  const handler = new RecordingHandler();
  const inbox = new InMemoryInboxStore();
  const logger = new RecordingLogger();
  const pipeline = new InboundPipeline({ inbox, handler, logger });
  const router = createDingTalkHttpRouter({ appSecret: SECRET, pipeline, logger, now: () => nowMs });
  const app = new Koa();
  app.use(router.routes()).use(router.allowedMethods());
  return { handler, inbox, logger, server: app.callback() };
}

describe('HTTP robot mode router', () => {
  it('computes the documented test vector', () => {
    expect(dingTalkSign(VECTOR_TS, SECRET)).toBe(VECTOR_SIGN);
  });

  it('accepts the vector within an hour, stores, answers {"msgtype":"empty"} and processes once', async () => {
    const { handler, inbox, server } = setup(Number(VECTOR_TS) + 59 * 60 * 1000);
    const send = () => request(server).post('/dingtalk/robot').set({ timestamp: VECTOR_TS, sign: VECTOR_SIGN }).send(robotBody);
    const res = await send();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ msgtype: 'empty' });
    expect((await send()).status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    expect(handler.messages).toHaveLength(1);
    expect(handler.messages[0]).toMatchObject({ msgId: 'msg-http-1', senderUserId: 'u-alice', text: 'hello over http', conversationType: 'dm' });
    expect(inbox.size()).toBe(1);
  });

  it.each([
    ['tampered sign', { timestamp: VECTOR_TS, sign: VECTOR_SIGN.replace('D', 'E') }, Number(VECTOR_TS), 'mismatch'],
    ['stale (> 1 h)', { timestamp: VECTOR_TS, sign: VECTOR_SIGN }, Number(VECTOR_TS) + 60 * 60 * 1000 + 1, 'stale'],
    ['from the future (> 1 h)', { timestamp: VECTOR_TS, sign: VECTOR_SIGN }, Number(VECTOR_TS) - 60 * 60 * 1000 - 1, 'stale'],
    ['missing headers', {}, Number(VECTOR_TS), 'missing'],
    ['timestamp not a number', { timestamp: 'abc', sign: VECTOR_SIGN }, Number(VECTOR_TS), 'malformed'],
  ])('%s → 401 and no side effect', async (_name, headers, now, reason) => {
    const { handler, inbox, logger, server } = setup(now);
    for (const path of ['/dingtalk/robot', '/dingtalk/card']) {
      const res = await request(server).post(path).set(headers as Record<string, string>).send(robotBody);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('InvalidSignature');
    }
    expect(inbox.size()).toBe(0);
    expect(handler.messages).toHaveLength(0);
    expect(logger.find('dingtalk.http.signature_rejected').map((l) => l.meta.reason)).toEqual([reason, reason]);
  });

  it('answers a card callback with the clicker’s card; malformed bodies are accepted and dropped', async () => {
    const { handler, server } = setup(Number(VECTOR_TS));
    const content = JSON.stringify({ cardPrivateData: { actionIds: ['b'], params: { action: 'ticket.claim', ref: 'R-1' } } });
    const res = await request(server)
      .post('/dingtalk/card')
      .set({ timestamp: VECTOR_TS, sign: VECTOR_SIGN })
      .send({ outTrackId: 'R-1-g', userId: 'u-bob', userIdType: 1, content });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
      cardData: { cardParamMap: { ref: 'R-1', status: 'assigned' } },
      userPrivateData: { cardParamMap: { actions: '[]', notice: '' } },
    });
    expect(handler.actions[0].params).toEqual({ action: 'ticket.claim', ref: 'R-1' });

    const bad = await request(server).post('/dingtalk/robot').set({ timestamp: VECTOR_TS, sign: VECTOR_SIGN, 'content-type': 'application/json' }).send('{oops');
    expect(bad.status).toBe(200);
    expect(handler.messages).toHaveLength(0);
  });
});
