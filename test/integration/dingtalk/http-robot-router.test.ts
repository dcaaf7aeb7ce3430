/**
 * HTTP robot mode: the signature (vector, tampered, stale beyond the window), duplicates of the whole
 * (timestamp, sign, body), the robot code and corp of a message, the holder of a clicked card, what a click's answer
 * carries, and the store → answer → process path.
 */
import Koa from 'koa';
import request from 'supertest';
import { createDingTalkHttpRouter } from '../../../src/adapters/dingtalk/http/dingtalk-http-robot.router';
import { cardHolderCheckOn } from '../../../src/adapters/dingtalk/http/card-holder-check';
import { dingTalkSign } from '../../../src/adapters/dingtalk/http/dingtalk-signature';
import { InMemoryInboxStore } from '../../support/dingtalk/in-memory-inbox.store';
import { InboundPipeline } from '../../../src/adapters/dingtalk/inbound/inbound-pipeline';
import type { IntakeDraft, TicketCard } from '../../../src/domain/ports/card-store.port';
import type { CardAction, CardView } from '../../../src/domain/ports/chat-gateway.port';
import type { CardActionAnswer, ChatInboundHandler, IncomingCardAction, IncomingChatMessage } from '../../../src/domain/ports/chat-inbound.port';
import { RecordingLogger } from '../../support/dingtalk/recording-logger';

const SECRET = 'this is a secret';
const VECTOR_TS = '1577262236757';
const VECTOR_SIGN = 'DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=';
const T0 = Number(VECTOR_TS);
const ROBOT = 'dingrobot01';
const CORP = 'dingcorp01';
const signed = { timestamp: VECTOR_TS, sign: VECTOR_SIGN };

const button = (label: string, action: string): CardAction => ({ label, action, tone: 'primary', enabled: true, input: '', placeholder: '' });

class RecordingHandler implements ChatInboundHandler {
  messages: IncomingChatMessage[] = [];
  actions: IncomingCardAction[] = [];
  /** The answer to a click; default: a card with the clicker's own (empty) private actions. */
  answer: (a: IncomingCardAction) => CardActionAnswer = (a) => ({
    forUserId: a.userId,
    card: { ref: 'R-1', status: 'assigned', statusLabel: '处理中', title: 't', lastMessage: 'R-1 处理中', fields: [], publicActions: [], privateActions: { [a.userId]: [] } },
  });
  async onMessage(m: IncomingChatMessage): Promise<void> {
    this.messages.push(m);
  }
  async onCardAction(a: IncomingCardAction): Promise<CardActionAnswer> {
    this.actions.push(a);
    return this.answer(a);
  }
}

/** The two CardStore reads the holder check makes, over lists; `failing` makes them throw (database down). */
class CardsFake {
  failing = false;
  constructor(
    readonly cards: TicketCard[] = [],
    readonly drafts: IntakeDraft[] = [],
  ) {}
  async spacesOfCard(id: string): Promise<TicketCard[]> {
    if (this.failing) throw new Error('database down');
    return this.cards.filter((c) => c.outTrackId === id);
  }
  async draft(id: string): Promise<IntakeDraft | null> {
    if (this.failing) throw new Error('database down');
    return this.drafts.find((d) => d.id === id) ?? null;
  }
}

const robotBody = {
  conversationId: 'cidX==',
  conversationType: '1',
  msgId: 'msg-http-1',
  senderStaffId: 'u-alice',
  senderNick: 'Alice',
  senderCorpId: CORP,
  chatbotCorpId: CORP,
  robotCode: ROBOT,
  msgtype: 'text',
  text: { content: 'hello over http' },
  createAt: 1577262236000,
  sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=abc',
  sessionWebhookExpiredTime: 1577267636000,
};

const at = new Date(T0);
const cardsFake = () =>
  new CardsFake(
    [
      { ticketId: 1, outTrackId: 'R-000001-u-u-alice', space: { kind: 'dm', userId: 'u-alice' }, role: 'caller', createdAt: at },
      { ticketId: 1, outTrackId: 'R-000001-u-u-bob', space: { kind: 'dm', userId: 'u-bob' }, role: 'agent', createdAt: at },
      { ticketId: 1, outTrackId: 'R-000001-g-cidG', space: { kind: 'group', conversationId: 'cidG==' }, role: 'group', createdAt: at },
    ],
    [
      { id: 'pick-msg-7', personId: 'p-alice', userId: 'u-alice', conversationId: 'cidA', conversationType: 'dm', text: 'printer', createdAt: at, ticketId: null },
      { id: 'pick-msg-8', personId: 'p-alice', userId: 'u-alice', conversationId: 'cidG==', conversationType: 'group', text: 'vpn', createdAt: at, ticketId: null },
    ],
  );

function setup(nowMs: number, extra: { corpId?: string; windowMs?: number } = {}) {
  const handler = new RecordingHandler();
  const inbox = new InMemoryInboxStore();
  const logger = new RecordingLogger();
  const cards = cardsFake();
  const pipeline = new InboundPipeline({ inbox, handler, logger });
  const router = createDingTalkHttpRouter({
    appSecret: SECRET,
    robotCode: ROBOT,
    cardHolder: cardHolderCheckOn(cards),
    pipeline,
    logger,
    now: () => nowMs,
    ...extra,
  });
  const app = new Koa();
  app.use(router.routes()).use(router.allowedMethods());
  return { handler, inbox, logger, cards, server: app.callback() };
}

const click = (outTrackId: string, userId: string, params: Record<string, string> = { action: 'ticket.claim', ref: 'R-000001' }) => ({
  outTrackId,
  userId,
  userIdType: 1,
  corpId: CORP,
  content: JSON.stringify({ cardPrivateData: { actionIds: ['b'], params } }),
});

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('HTTP robot mode router', () => {
  it('computes the documented test vector', () => {
    expect(dingTalkSign(VECTOR_TS, SECRET)).toBe(VECTOR_SIGN);
  });

  it('accepts the vector within the window, stores, answers {"msgtype":"empty"} and processes once', async () => {
    const { handler, inbox, server } = setup(T0 + 4 * 60 * 1000);
    const res = await request(server).post('/dingtalk/robot').set(signed).send(robotBody);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ msgtype: 'empty' });
    await settle();
    expect(handler.messages).toHaveLength(1);
    expect(handler.messages[0]).toMatchObject({ msgId: 'msg-http-1', senderUserId: 'u-alice', text: 'hello over http', conversationType: 'dm' });
    expect(inbox.size()).toBe(1);
  });

  it('the same (timestamp, sign, body) twice: the second is a duplicate, answered 200 and not processed', async () => {
    const { handler, inbox, logger, server } = setup(T0);
    const first = await request(server).post('/dingtalk/robot').set(signed).send(robotBody);
    const second = await request(server).post('/dingtalk/robot').set(signed).send(robotBody);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual({ msgtype: 'empty' });
    await settle();
    expect(handler.messages).toHaveLength(1);
    expect(inbox.size()).toBe(1);
    expect(logger.find('dingtalk.http.duplicate_request')).toHaveLength(1);
  });

  it('the same (timestamp, sign) with another body passes: two genuine messages of one millisecond share it', async () => {
    const { handler, inbox, logger, server } = setup(T0);
    await request(server).post('/dingtalk/robot').set(signed).send(robotBody).expect(200);
    const other = { ...robotBody, msgId: 'msg-http-2', senderStaffId: 'u-bob', text: { content: 'same millisecond' } };
    await request(server).post('/dingtalk/robot').set(signed).send(other).expect(200);
    await settle();
    expect(handler.messages.map((m) => m.msgId)).toEqual(['msg-http-1', 'msg-http-2']);
    expect(inbox.size()).toBe(2);
    expect(logger.find('dingtalk.http.duplicate_request')).toHaveLength(0);
  });

  it.each([
    ['tampered sign', { timestamp: VECTOR_TS, sign: VECTOR_SIGN.replace('D', 'E') }, T0, 'mismatch'],
    ['stale (> the 300 s window)', signed, T0 + 300 * 1000 + 1, 'stale'],
    ['stale (within DingTalk’s hour, beyond the window)', signed, T0 + 59 * 60 * 1000, 'stale'],
    ['from the future (> the window)', signed, T0 - 300 * 1000 - 1, 'stale'],
    ['missing headers', {}, T0, 'missing'],
    ['timestamp not a number', { timestamp: 'abc', sign: VECTOR_SIGN }, T0, 'malformed'],
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

  it('takes the window it is given (HTTP_SIGN_WINDOW_S)', async () => {
    const inside = setup(T0 + 60 * 1000, { windowMs: 60 * 1000 });
    await request(inside.server).post('/dingtalk/robot').set(signed).send(robotBody).expect(200);
    const outside = setup(T0 + 60 * 1000 + 1, { windowMs: 60 * 1000 });
    await request(outside.server).post('/dingtalk/robot').set(signed).send(robotBody).expect(401);
  });

  it.each([
    ['another robot code', { ...robotBody, robotCode: 'dingother' }, undefined, 'robot_code'],
    ['no robot code', { ...robotBody, robotCode: undefined }, undefined, 'robot_code'],
    ['another corp (DINGTALK_CORP_ID set)', { ...robotBody, chatbotCorpId: 'dingelsewhere' }, CORP, 'corp'],
    ['no corp (DINGTALK_CORP_ID set)', { ...robotBody, chatbotCorpId: undefined }, CORP, 'corp'],
  ])('a robot message naming %s → 403, nothing stored', async (_name, body, corpId, reason) => {
    const { handler, inbox, logger, server } = setup(T0, { corpId });
    const res = await request(server).post('/dingtalk/robot').set(signed).send(body);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: 'NotThisRobot' });
    await settle();
    expect(inbox.size()).toBe(0);
    expect(handler.messages).toHaveLength(0);
    expect(logger.find('dingtalk.http.message_refused').map((l) => l.meta.reason)).toEqual([reason]);
  });

  it('a robot message of this robot and corp passes with DINGTALK_CORP_ID set', async () => {
    const { handler, server } = setup(T0, { corpId: CORP });
    await request(server).post('/dingtalk/robot').set(signed).send(robotBody).expect(200);
    await settle();
    expect(handler.messages).toHaveLength(1);
  });

  it('answers a card callback with the clicker’s card; malformed bodies are accepted and dropped', async () => {
    const { handler, server } = setup(T0);
    const res = await request(server).post('/dingtalk/card').set(signed).send(click('R-000001-u-u-bob', 'u-bob'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
      cardData: { cardParamMap: { ref: 'R-1', status: 'assigned' } },
      userPrivateData: { cardParamMap: { actions: '[]', notice: '' } },
    });
    expect(handler.actions[0]!.params).toEqual({ action: 'ticket.claim', ref: 'R-000001' });

    const bad = await request(server).post('/dingtalk/robot').set({ ...signed, 'content-type': 'application/json' }).send('{oops');
    expect(bad.status).toBe(200);
    expect(handler.messages).toHaveLength(0);
  });

  it.each([
    ['a card the bot never delivered', click('R-000009-u-u-bob', 'u-bob'), 'unknown-card'],
    ['another user’s direct-chat ticket card', click('R-000001-u-u-alice', 'u-bob'), 'not-holder'],
    ['another user’s direct-chat picker card', click('pick-msg-7', 'u-bob', { action: 'intake.pick' }), 'not-holder'],
  ])('a click on %s → 403, nothing stored, nothing done', async (_name, body, reason) => {
    const { handler, inbox, logger, server } = setup(T0);
    const res = await request(server).post('/dingtalk/card').set(signed).send(body);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: 'CardNotHeld' });
    expect(inbox.size()).toBe(0);
    expect(handler.actions).toHaveLength(0);
    expect(logger.find('dingtalk.http.card_refused').map((l) => l.meta.reason)).toEqual([reason]);
  });

  it('a click from another corp (DINGTALK_CORP_ID set) → 403', async () => {
    const { handler, server } = setup(T0, { corpId: CORP });
    const res = await request(server).post('/dingtalk/card').set(signed).send({ ...click('R-000001-u-u-bob', 'u-bob'), corpId: 'dingelsewhere' });
    expect(res.status).toBe(403);
    expect(handler.actions).toHaveLength(0);
  });

  it.each([
    ['their own direct-chat picker card', click('pick-msg-7', 'u-alice', { action: 'intake.pick' })],
    ['a group ticket card (any user: group membership is not known)', click('R-000001-g-cidG', 'u-carol')],
    ['a group picker card', click('pick-msg-8', 'u-carol', { action: 'intake.pick' })],
  ])('a click on %s passes', async (_name, body) => {
    const { handler, inbox, server } = setup(T0);
    await request(server).post('/dingtalk/card').set(signed).send(body).expect(200);
    expect(handler.actions).toHaveLength(1);
    expect(inbox.size()).toBe(1);
  });

  it('the same click twice (same timestamp, sign and body) is handled once; the second answers 200 {}', async () => {
    const { handler, logger, server } = setup(T0);
    const body = click('R-000001-u-u-bob', 'u-bob');
    await request(server).post('/dingtalk/card').set(signed).send(body).expect(200);
    const again = await request(server).post('/dingtalk/card').set(signed).send(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({});
    expect(handler.actions).toHaveLength(1);
    expect(logger.find('dingtalk.http.duplicate_request')).toHaveLength(1);
  });

  it('the card store unavailable → 503; DingTalk’s retry of the same request is then handled', async () => {
    const { handler, cards, server } = setup(T0);
    const body = click('R-000001-u-u-bob', 'u-bob');
    cards.failing = true;
    const res = await request(server).post('/dingtalk/card').set(signed).send(body);
    expect(res.status).toBe(503);
    expect(handler.actions).toHaveLength(0);
    cards.failing = false;
    await request(server).post('/dingtalk/card').set(signed).send(body).expect(200);
    expect(handler.actions).toHaveLength(1);
  });

  it('a click’s answer carries the clicker’s private data only, never another holder’s', async () => {
    const { handler, server } = setup(T0);
    handler.answer = () => ({
      // A handler naming someone else must not change whose view is answered.
      forUserId: 'u-carol',
      card: {
        ref: 'R-000001',
        status: 'assigned',
        statusLabel: '处理中',
        title: 'Printer',
        lastMessage: '',
        fields: [],
        publicActions: [],
        privateActions: { 'u-bob': [button('Resolve', 'ticket.resolve')], 'u-carol': [button('Carol only', 'ticket.secret')] },
        privateNotice: { 'u-carol': 'note meant for carol' },
        privateForm: { 'u-carol': { fields: [{ name: 'carolField', kind: 'line' }] } },
      } satisfies CardView,
    });
    const res = await request(server).post('/dingtalk/card').set(signed).send(click('R-000001-u-u-bob', 'u-bob'));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.userPrivateData.cardParamMap.actions)).toEqual([expect.objectContaining({ action: 'ticket.resolve' })]);
    expect(res.body.userPrivateData.cardParamMap.notice).toBe('');
    expect(res.body.userPrivateData.cardParamMap.form_open).toBeUndefined();
    const text = JSON.stringify(res.body);
    for (const secret of ['u-carol', 'carolField', 'Carol only', 'ticket.secret', 'note meant for carol']) expect(text).not.toContain(secret);
    expect(Object.keys(res.body).sort()).toEqual(['cardData', 'cardUpdateOptions', 'userPrivateData']);
  });
});
