import { randomUUID } from 'node:crypto';
import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { parseJsonOrUndefined, readBodyText } from '../adapters/dingtalk/http/read-json-body';
import { BATCH_SEND_MAX_USERS, DINGTALK_API } from '../adapters/dingtalk/openapi/dingtalk-api-names';
import type { EmulatorFaults } from './emulator-faults';
import { dmConversationId, type EmulatorState } from './emulator-state';
import type { CardRecord, CardSpaceRecord, TimelineEntry } from './emulator.types';

/**
 * The emulator's OpenAPI subset with DingTalk's envelopes: new API (`/v1.0/...`, header token, non-2xx +
 * `{code, message, requestid}`) and legacy (`/gettoken`, `/topapi/...`, sessionWebhook: HTTP 200 + `errcode`).
 * Codes marked "emulator" in docs/dingtalk-emulator.md are not confirmed DingTalk codes.
 */
export interface OpenApiCore {
  state: EmulatorState;
  faults: EmulatorFaults;
  /** Remember how a client reached us (for endpoint URLs). */
  learnOrigin(origin: string): void;
  wsEndpoint(origin: string): string;
  /** A card appeared or changed (page refresh). */
  cardChanged(card: CardRecord): void;
}

type Json = Record<string, unknown>;
const requestId = (): string => randomUUID().toUpperCase();
const isStringMap = (v: unknown): v is Record<string, string> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v as Json).every((x) => typeof x === 'string');

async function bodyOf(ctx: Context): Promise<Json | undefined> {
  const text = await readBodyText(ctx.req, 2 * 1024 * 1024);
  const json = parseJsonOrUndefined(text);
  return json && typeof json === 'object' && !Array.isArray(json) ? (json as Json) : undefined;
}

function newError(core: OpenApiCore, ctx: Context, api: string, status: number, code: string, message: string): void {
  core.state.recordCall(api, status, code);
  ctx.status = status;
  ctx.body = { code, message, requestid: requestId() };
}

function legacyError(core: OpenApiCore, ctx: Context, api: string, errcode: number, errmsg: string, subCode?: string): void {
  core.state.recordCall(api, 200, subCode ? `${errcode}/${subCode}` : String(errcode));
  ctx.status = 200;
  ctx.body = { errcode, errmsg, ...(subCode ? { sub_code: subCode, sub_msg: errmsg } : {}), request_id: requestId() };
}

function ok(core: OpenApiCore, ctx: Context, api: string, body: unknown): void {
  core.state.recordCall(api, 200);
  ctx.status = 200;
  ctx.body = body;
}

/** Apply a switched-on fault; true when the call was answered by it. */
function faulted(core: OpenApiCore, ctx: Context, api: string, style: 'new' | 'legacy'): boolean {
  const fault = core.faults.take(api);
  if (!fault) return false;
  if (fault.kind === 'throttle') {
    core.state.recordThrottled(api);
    if (style === 'new') {
      const code = fault.scope === 'app' ? 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi' : 'Forbidden.AccessDenied.QpsLimitForApi';
      newError(core, ctx, api, 403, code, 'qps limit exceeded');
    } else {
      legacyError(core, ctx, api, 88, '接口调用超过限流', fault.scope === 'app' ? '90018' : '90002');
    }
    return true;
  }
  if (style === 'new') newError(core, ctx, api, fault.status, 'ServiceUnavailable', 'the service is temporarily unavailable');
  else {
    core.state.recordCall(api, fault.status, '-1');
    ctx.status = fault.status;
    ctx.body = { errcode: -1, errmsg: '系统繁忙' };
  }
  return true;
}

/** The token check both API styles make (missing, then unknown); `refuse` answers in the style's own error shape. */
function authorized(core: OpenApiCore, token: string, refuse: (problem: 'missing' | 'invalid') => void): boolean {
  const problem = !token ? 'missing' : !core.state.tokenValid(token) ? 'invalid' : null;
  if (problem) refuse(problem);
  return problem === null;
}

function newAuth(core: OpenApiCore, ctx: Context, api: string): boolean {
  return authorized(core, ctx.get('x-acs-dingtalk-access-token'), (problem) =>
    problem === 'missing'
      ? newError(core, ctx, api, 400, 'AuthenticationFailed.MissingParameter', 'x-acs-dingtalk-access-token is required')
      : newError(core, ctx, api, 400, 'InvalidAuthentication', '不合法的access_token'),
  );
}

function legacyAuth(core: OpenApiCore, ctx: Context, api: string): boolean {
  const token = typeof ctx.query.access_token === 'string' ? ctx.query.access_token : '';
  return authorized(core, token, (problem) =>
    problem === 'missing'
      ? legacyError(core, ctx, api, 88, '缺少参数 access_token', '40000')
      : legacyError(core, ctx, api, 88, '不合法的access_token', '40014'),
  );
}

/** A new-API route behind a token: the body read, the token checked, injected faults applied, then `handle`. */
function newApiRoute(
  core: OpenApiCore,
  api: string,
  handle: (ctx: Context, body: Json | undefined, api: string) => Promise<void>,
): (ctx: Context) => Promise<void> {
  return async (ctx) => {
    const body = await bodyOf(ctx);
    if (!newAuth(core, ctx, api) || faulted(core, ctx, api, 'new')) return;
    await handle(ctx, body, api);
  };
}

/** A robot message (msgKey/msgParam, or a webhook body) → what the page shows. */
function renderRobotMessage(msgKey: string, param: Json): Pick<TimelineEntry, 'kind' | 'text' | 'title'> {
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (msgKey) {
    case 'sampleText':
      return { kind: 'text', text: s(param.content) };
    case 'sampleMarkdown':
      return { kind: 'markdown', title: s(param.title), text: s(param.text) };
    case 'sampleLink':
      return { kind: 'markdown', title: s(param.title), text: `${s(param.text)}\n${s(param.messageUrl)}` };
    default:
      if (msgKey.startsWith('sampleActionCard')) return { kind: 'markdown', title: s(param.title), text: s(param.text) };
      return { kind: 'other', text: JSON.stringify(param) };
  }
}

const KNOWN_MSG_KEYS = /^(sampleText|sampleMarkdown|sampleImageMsg|sampleLink|sampleActionCard[2-6]?|sampleAudio|sampleFile|sampleVideo)$/;

function parseSpaces(openSpaceId: unknown): CardSpaceRecord[] | undefined {
  if (typeof openSpaceId !== 'string' || !openSpaceId.startsWith('dtv1.card//') || openSpaceId.length > 1000) return undefined;
  const out: CardSpaceRecord[] = [];
  for (const part of openSpaceId.slice('dtv1.card//'.length).split(';')) {
    const dot = part.indexOf('.');
    if (dot <= 0) return undefined;
    out.push({ type: part.slice(0, dot) as CardSpaceRecord['type'], id: part.slice(dot + 1) });
  }
  return out.length > 0 ? out : undefined;
}

function privateMaps(v: unknown): Record<string, Record<string, string>> | undefined | null {
  if (v === undefined) return {};
  if (!v || typeof v !== 'object') return null;
  const out: Record<string, Record<string, string>> = {};
  for (const [userId, entry] of Object.entries(v as Json)) {
    const map = (entry as Json | null)?.cardParamMap;
    if (!isStringMap(map)) return null;
    out[userId] = { ...map };
  }
  return out;
}

export function registerOpenApiRoutes(router: Router, core: OpenApiCore): void {
  const { state } = core;

  // ---- Stream gateway -------------------------------------------------------------------------------------------
  router.post('/v1.0/gateway/connections/open', async (ctx) => {
    const api = DINGTALK_API.gatewayOpen;
    const body = await bodyOf(ctx);
    const subscriptions = Array.isArray(body?.subscriptions)
      ? (body!.subscriptions as Json[]).map((s) => ({ type: String(s?.type ?? ''), topic: String(s?.topic ?? '') }))
      : [];
    const clientId = typeof body?.clientId === 'string' ? body.clientId : '';
    const good = clientId === state.options.clientId && body?.clientSecret === state.options.clientSecret;
    state.registrations.push({ at: state.now(), clientId, ok: good, status: good ? 200 : 400, subscriptions });
    state.bump();
    if (!body || subscriptions.length === 0) return newError(core, ctx, api, 400, 'InvalidParameter', 'clientId, clientSecret and subscriptions are required');
    if (!good) return newError(core, ctx, api, 400, 'invalidClientIdOrSecret', '无效的clientId或者clientSecret');
    // Koa 3: ctx.origin is the Origin header; the base URL the client used is protocol + Host.
    const origin = `${ctx.protocol}://${ctx.host}`;
    core.learnOrigin(origin);
    const ticket = randomUUID();
    state.tickets.set(ticket, { expiresAt: state.now() + state.options.ticketTtlMs, used: false, clientId, subscriptions });
    ok(core, ctx, api, { endpoint: core.wsEndpoint(origin), ticket });
  });

  // ---- tokens ---------------------------------------------------------------------------------------------------
  router.post('/v1.0/oauth2/accessToken', async (ctx) => {
    const api = DINGTALK_API.accessToken;
    const body = await bodyOf(ctx);
    if (faulted(core, ctx, api, 'new')) return;
    if (body?.appKey !== state.options.clientId || body?.appSecret !== state.options.clientSecret) {
      return newError(core, ctx, api, 400, 'invalidClientIdOrSecret', '无效的clientId或者clientSecret');
    }
    const { token, expiresIn } = state.issueToken();
    ok(core, ctx, api, { accessToken: token, expireIn: expiresIn });
  });

  router.get('/gettoken', async (ctx) => {
    const api = DINGTALK_API.legacyGetToken;
    if (faulted(core, ctx, api, 'legacy')) return;
    if (ctx.query.appkey !== state.options.clientId || ctx.query.appsecret !== state.options.clientSecret) {
      return legacyError(core, ctx, api, 40096, '不合法的appKey或appSecret');
    }
    const { token, expiresIn } = state.issueToken();
    ok(core, ctx, api, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: expiresIn });
  });

  // ---- robot messages -------------------------------------------------------------------------------------------
  router.post('/v1.0/robot/oToMessages/batchSend', newApiRoute(core, DINGTALK_API.robotBatchSend, async (ctx, body, api) => {
    if (!body) return newError(core, ctx, api, 400, 'InvalidParameter', 'body is not JSON');
    if (body.robotCode !== state.options.robotCode) return newError(core, ctx, api, 400, 'invalidParameter.robotCode.auth', 'robotCode 无权限');
    const userIds = body.userIds;
    if (!Array.isArray(userIds) || userIds.length === 0 || !userIds.every((u) => typeof u === 'string')) {
      return newError(core, ctx, api, 400, 'invalidParameter.userIds.empty', 'userIds is required');
    }
    if (userIds.length > BATCH_SEND_MAX_USERS) return newError(core, ctx, api, 400, 'invalidParameter.userIds.overMax', `userIds 超过最大值 ${BATCH_SEND_MAX_USERS}`);
    const msgKey = typeof body.msgKey === 'string' ? body.msgKey : '';
    if (!KNOWN_MSG_KEYS.test(msgKey)) return newError(core, ctx, api, 400, 'invalidParameter.msgKey.invalid', 'msgKey is invalid');
    const param = typeof body.msgParam === 'string' ? parseJsonOrUndefined(body.msgParam) : undefined;
    if (!param || typeof param !== 'object') return newError(core, ctx, api, 400, 'invalidParameter.msgParam.invalid', 'msgParam must be a JSON string');
    const ids = userIds as string[];
    const invalid = ids.filter((u) => !state.person(u));
    const throttled = core.faults.takeFlowControlled(ids.filter((u) => state.person(u)));
    for (const userId of ids) {
      if (invalid.includes(userId) || throttled.includes(userId)) continue;
      state.addEntry({ conversationId: dmConversationId(userId), fromUserId: null, via: 'batchSend', ...renderRobotMessage(msgKey, param as Json) });
    }
    const processQueryKey = randomUUID();
    state.processQueryKeys.push(processQueryKey);
    ok(core, ctx, api, { processQueryKey, invalidStaffIdList: invalid, flowControlledStaffIdList: throttled });
  }));

  router.post('/v1.0/robot/groupMessages/send', newApiRoute(core, DINGTALK_API.robotGroupSend, async (ctx, body, api) => {
    if (!body) return newError(core, ctx, api, 400, 'InvalidParameter', 'body is not JSON');
    if (body.robotCode !== state.options.robotCode) return newError(core, ctx, api, 400, 'invalidParameter.robotCode.auth', 'robotCode 无权限');
    const cid = typeof body.openConversationId === 'string' ? body.openConversationId : '';
    if (!state.groups.has(cid)) return newError(core, ctx, api, 400, 'invalid.openConversationId', 'openConversationId is invalid');
    const msgKey = typeof body.msgKey === 'string' ? body.msgKey : '';
    if (!KNOWN_MSG_KEYS.test(msgKey)) return newError(core, ctx, api, 400, 'invalidParameter.msgKey.invalid', 'msgKey is invalid');
    const param = typeof body.msgParam === 'string' ? parseJsonOrUndefined(body.msgParam) : undefined;
    if (!param || typeof param !== 'object') return newError(core, ctx, api, 400, 'invalidParameter.msgParam.invalid', 'msgParam must be a JSON string');
    state.addEntry({ conversationId: cid, fromUserId: null, via: 'groupSend', ...renderRobotMessage(msgKey, param as Json) });
    ok(core, ctx, api, { processQueryKey: randomUUID() });
  }));

  router.post('/robot/sendBySession', async (ctx) => {
    const api = DINGTALK_API.robotSessionWebhook;
    const body = await bodyOf(ctx);
    if (faulted(core, ctx, api, 'legacy')) return;
    const session = state.sessions.get(typeof ctx.query.session === 'string' ? ctx.query.session : '');
    if (!session || session.expiresAt < state.now()) return legacyError(core, ctx, api, 300001, 'session is invalid or expired (emulator code)');
    const msgtype = typeof body?.msgtype === 'string' ? body.msgtype : '';
    const part = (body?.[msgtype] ?? {}) as Json;
    let rendered: Pick<TimelineEntry, 'kind' | 'text' | 'title'>;
    if (msgtype === 'text') rendered = renderRobotMessage('sampleText', part);
    else if (msgtype === 'markdown' || msgtype === 'actionCard' || msgtype === 'link') rendered = renderRobotMessage('sampleMarkdown', part);
    else if (msgtype === 'feedCard') rendered = { kind: 'other', text: JSON.stringify(part) };
    else return legacyError(core, ctx, api, 40035, '缺少参数 msgtype');
    const at = (body?.at ?? {}) as Json;
    const atUserIds = Array.isArray(at.atUserIds) ? at.atUserIds.filter((u): u is string => typeof u === 'string') : undefined;
    state.addEntry({ conversationId: session.conversationId, fromUserId: null, via: 'sessionWebhook', ...rendered, ...(atUserIds?.length ? { atUserIds } : {}) });
    ok(core, ctx, api, { errcode: 0, errmsg: 'ok' });
  });

  // ---- interactive cards ----------------------------------------------------------------------------------------
  const deliverTo = (card: CardRecord, spaces: CardSpaceRecord[], body: Json) => {
    return spaces.map((space) => {
      const result = { spaceType: space.type, spaceId: space.id, success: false, carrierId: '', errorMsg: '' };
      if (space.type === 'IM_GROUP') {
        const model = body.imGroupOpenDeliverModel as Json | undefined;
        if (model?.robotCode !== state.options.robotCode) return { ...result, errorMsg: 'imGroupOpenDeliverModel.robotCode is required' };
        if (!state.groups.has(space.id)) return { ...result, errorMsg: 'group not found' };
      } else if (space.type === 'IM_ROBOT') {
        const model = body.imRobotOpenDeliverModel as Json | undefined;
        if (model?.spaceType !== 'IM_ROBOT') return { ...result, errorMsg: 'imRobotOpenDeliverModel.spaceType must be IM_ROBOT' };
        if (!state.person(space.id)) return { ...result, errorMsg: 'user not found' };
      } else {
        return { ...result, errorMsg: `space type ${space.type} is not emulated` };
      }
      if (!card.spaces.some((s) => s.type === space.type && s.id === space.id)) {
        card.spaces.push({ ...space, deliveredAt: state.now() });
        state.addEntry({
          conversationId: space.type === 'IM_GROUP' ? space.id : dmConversationId(space.id),
          fromUserId: null,
          via: 'card',
          kind: 'card',
          outTrackId: card.outTrackId,
          title: card.publicData.title,
        });
      }
      return { ...result, success: true, carrierId: randomUUID() };
    });
  };

  router.post('/v1.0/card/instances/createAndDeliver', newApiRoute(core, DINGTALK_API.cardCreateAndDeliver, async (ctx, body, api) => {
    if (!body) return newError(core, ctx, api, 400, 'InvalidParameter', 'body is not JSON');
    const outTrackId = typeof body.outTrackId === 'string' ? body.outTrackId : '';
    if (!outTrackId || outTrackId.length > 100) return newError(core, ctx, api, 400, 'param.outTrackIdInvalid', 'outTrackId is required (≤ 100 chars)');
    if (typeof body.cardTemplateId !== 'string' || !body.cardTemplateId) return newError(core, ctx, api, 400, 'param.cardTemplateIdInvalid', 'cardTemplateId is required');
    const cardParamMap = (body.cardData as Json | undefined)?.cardParamMap;
    if (!isStringMap(cardParamMap)) return newError(core, ctx, api, 400, 'param.cardDataInvalid', 'cardData.cardParamMap values must be strings');
    const priv = privateMaps(body.privateData);
    if (priv === null || priv === undefined) return newError(core, ctx, api, 400, 'param.privateDataInvalid', 'privateData.<userId>.cardParamMap values must be strings');
    const spaces = parseSpaces(body.openSpaceId);
    if (!spaces) return newError(core, ctx, api, 400, 'param.openSpaceIdInvalid', 'openSpaceId is invalid');
    if (state.cards.has(outTrackId)) return newError(core, ctx, api, 400, 'param.cardAlreadyExist', 'card instance already exists');
    const card: CardRecord = {
      outTrackId,
      cardTemplateId: body.cardTemplateId,
      callbackType: typeof body.callbackType === 'string' ? body.callbackType : 'STREAM',
      publicData: { ...cardParamMap },
      privateData: priv,
      spaces: [],
      createdAt: state.now(),
      updatedAt: state.now(),
      history: [{ at: state.now(), source: 'create', params: { ...cardParamMap } }],
    };
    state.cards.set(outTrackId, card);
    const deliverResults = deliverTo(card, spaces, body);
    core.cardChanged(card);
    ok(core, ctx, api, { success: true, result: { outTrackId, deliverResults } });
  }));

  router.post('/v1.0/card/instances/deliver', newApiRoute(core, DINGTALK_API.cardDeliver, async (ctx, body, api) => {
    const card = state.cards.get(typeof body?.outTrackId === 'string' ? body.outTrackId : '');
    if (!body || !card) return newError(core, ctx, api, 400, 'param.cardNotExist', 'card instance does not exist (emulator code)');
    const spaces = parseSpaces(body.openSpaceId);
    if (!spaces) return newError(core, ctx, api, 400, 'param.openSpaceIdInvalid', 'openSpaceId is invalid');
    const result = deliverTo(card, spaces, body);
    card.history.push({ at: state.now(), source: 'deliver' });
    core.cardChanged(card);
    ok(core, ctx, api, { success: true, result });
  }));

  router.put('/v1.0/card/instances', newApiRoute(core, DINGTALK_API.cardUpdate, async (ctx, body, api) => {
    const card = state.cards.get(typeof body?.outTrackId === 'string' ? body.outTrackId : '');
    if (!body || !card) return newError(core, ctx, api, 400, 'param.cardNotExist', 'card instance does not exist (emulator code)');
    const cardParamMap = (body.cardData as Json | undefined)?.cardParamMap;
    if (body.cardData !== undefined && !isStringMap(cardParamMap)) return newError(core, ctx, api, 400, 'param.cardDataInvalid', 'cardData.cardParamMap values must be strings');
    const priv = privateMaps(body.privateData);
    if (priv === null || priv === undefined) return newError(core, ctx, api, 400, 'param.privateDataInvalid', 'privateData.<userId>.cardParamMap values must be strings');
    const options = (body.cardUpdateOptions ?? {}) as Json;
    applyCardUpdate(card, cardParamMap as Record<string, string> | undefined, priv, options.updateCardDataByKey === true, options.updatePrivateDataByKey === true);
    card.updatedAt = state.now();
    card.history.push({ at: state.now(), source: 'put', ...(cardParamMap ? { params: { ...(cardParamMap as Record<string, string>) } } : {}) });
    core.cardChanged(card);
    ok(core, ctx, api, { success: true, result: true });
  }));

  router.put('/v1.0/card/streaming', newApiRoute(core, DINGTALK_API.cardStreaming, async (ctx, body, api) => {
    const card = state.cards.get(typeof body?.outTrackId === 'string' ? body.outTrackId : '');
    if (!body || !card || typeof body.key !== 'string') return newError(core, ctx, api, 400, 'param.cardNotExist', 'card instance or key missing (emulator code)');
    const content = typeof body.content === 'string' ? body.content : '';
    card.publicData[body.key] = body.isFull === false ? (card.publicData[body.key] ?? '') + content : content;
    card.history.push({ at: state.now(), source: 'streaming' });
    core.cardChanged(card);
    ok(core, ctx, api, { success: true, result: true });
  }));

  router.post('/v1.0/card/callbacks/register', newApiRoute(core, DINGTALK_API.cardCallbackRegister, async (ctx, body, api) => {
    if (typeof body?.callbackRouteKey !== 'string' || typeof body.callbackUrl !== 'string' || !/^https?:\/\//.test(body.callbackUrl)) {
      return newError(core, ctx, api, 400, 'InvalidParameter', 'callbackRouteKey and an http(s) callbackUrl are required');
    }
    state.cardCallbackRoutes.set(body.callbackRouteKey, body.callbackUrl);
    ok(core, ctx, api, { success: true, result: { callbackRouteKey: body.callbackRouteKey, callbackUrl: body.callbackUrl } });
  }));

  // ---- contacts -------------------------------------------------------------------------------------------------
  router.post('/topapi/v2/user/get', async (ctx) => {
    const api = DINGTALK_API.userGet;
    const body = await bodyOf(ctx);
    if (!legacyAuth(core, ctx, api) || faulted(core, ctx, api, 'legacy')) return;
    const person = state.person(typeof body?.userid === 'string' ? body.userid : '');
    if (!person || person.left) return legacyError(core, ctx, api, 60121, '找不到该用户');
    ok(core, ctx, api, {
      errcode: 0,
      errmsg: 'ok',
      request_id: requestId(),
      result: {
        userid: person.dingtalkUserId,
        unionid: `union-${person.dingtalkUserId}`,
        name: person.name,
        active: true,
        admin: false,
        boss: false,
        title: '',
        dept_id_list: person.deptIds ?? [1],
        job_number: person.personId,
      },
    });
  });
}


/** 免登: the workbench page's auth code → the user id (registered after the contacts routes). */
export function registerSignInRoutes(router: Router, core: OpenApiCore): void {
  router.post('/topapi/v2/user/getuserinfo', async (ctx) => {
    const api = DINGTALK_API.userGetUserInfo;
    const body = await bodyOf(ctx);
    if (!legacyAuth(core, ctx, api) || faulted(core, ctx, api, 'legacy')) return;
    const userId = core.state.authCodes.take(typeof body?.code === 'string' ? body.code : '');
    const person = userId ? core.state.person(userId) : undefined;
    if (!person) return legacyError(core, ctx, api, 40078, '不存在的临时授权码');
    ok(core, ctx, api, {
      errcode: 0,
      errmsg: 'ok',
      request_id: requestId(),
      result: { userid: person.dingtalkUserId, name: person.name, unionid: `union-${person.dingtalkUserId}`, sys: false, sys_level: 0, associated_unionid: '' },
    });
  });
}

/** Merge (byKey) or replace the public map and each listed user's private map. */
export function applyCardUpdate(
  card: CardRecord,
  publicMap: Record<string, string> | undefined,
  privateData: Record<string, Record<string, string>>,
  publicByKey: boolean,
  privateByKey: boolean,
): void {
  if (publicMap) card.publicData = publicByKey ? { ...card.publicData, ...publicMap } : { ...publicMap };
  for (const [userId, map] of Object.entries(privateData)) {
    card.privateData[userId] = privateByKey ? { ...(card.privateData[userId] ?? {}), ...map } : { ...map };
  }
}
