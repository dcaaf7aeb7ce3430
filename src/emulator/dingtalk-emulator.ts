import { randomBytes, randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Router } from '@koa/router';
import Koa from 'koa';
import { silentLog } from '../domain/ports/log.port';
import { catchErrors } from '../adapters/http/catch-errors';
import { errorMessage } from '../adapters/logging/error-message';
import { TOPIC_CARD_CALLBACK, TOPIC_ROBOT_MESSAGE } from '../adapters/dingtalk/openapi/dingtalk-api-names';
import { EmulatorFaults } from './emulator-faults';
import { applyCardUpdate, registerOpenApiRoutes, registerSignInRoutes } from './emulator-openapi.routes';
import { registerWorkbenchRoutes } from './emulator-workbench.routes';
import { registerEmulatorPageRoutes, type EmulatorPageHost } from './emulator-page.routes';
import { dmConversationId, encryptedIdOf, EmulatorState } from './emulator-state';
import type {
  AddressBookEventInput,
  AckRecord,
  ApiCallRecord,
  CardRecord,
  ClickCardInput,
  ClickResult,
  ConnectionInfo,
  DingTalkEmulatorOptions,
  EmulatorGroup,
  EmulatorPerson,
  FrameRecord,
  RegistrationRecord,
  ResolvedEmulatorOptions,
  SendRobotMessageInput,
  SentRobotMessage,
  TimelineEntry,
} from './emulator.types';
import { StreamHub } from './stream-hub';
import { EmulatorFiles, FILE_MSGTYPES, registerEmulatorFilePageRoutes, registerEmulatorFileRoutes, type FileMsgtype } from './emulator-files';

export interface DingTalkEndpoints {
  apiBase: string;
  oapiBase: string;
  gatewayUrl: string;
}

/**
 * Credentials are generated per emulator unless given: a client that knows fixed ones could register on the
 * Stream gateway beside the bot and take some of the people's messages (frames go to the app's connections in turn).
 */
function resolveOptions(o: DingTalkEmulatorOptions): ResolvedEmulatorOptions {
  const clientId = o.clientId ?? `dingemu${randomBytes(8).toString('hex')}`;
  return {
    clientId,
    clientSecret: o.clientSecret ?? randomBytes(32).toString('base64url'),
    robotCode: o.robotCode ?? clientId,
    botName: o.botName ?? 'ITSM Bot',
    corpId: o.corpId ?? 'dingemulatorcorp',
    people: o.people ?? [],
    groups: o.groups ?? [],
    baseUrl: o.baseUrl,
    ticketTtlMs: o.ticketTtlMs ?? 90_000,
    tokenTtlSeconds: o.tokenTtlSeconds ?? 7200,
    disconnectCloseAfterMs: o.disconnectCloseAfterMs ?? 10_000,
    cardCallbackTimeoutMs: o.cardCallbackTimeoutMs ?? 2000,
    holdFramesWhileOffline: o.holdFramesWhileOffline ?? true,
    privateCardKeys: o.privateCardKeys ?? ['actions', 'notice', 'form_open', 'form'],
    apiQpsLimit: o.apiQpsLimit ?? 0,
    sessionWebhookTtlMs: o.sessionWebhookTtlMs ?? 5_400_000,
    maxHistory: o.maxHistory ?? 1000,
    systemPingIntervalMs: o.systemPingIntervalMs ?? 0,
    now: o.now ?? Date.now,
    logger: o.logger ?? silentLog,
  };
}

/**
 * A local DingTalk: Stream gateway + WebSocket, the OpenAPI subset the bot uses, switchable faults, a web page to
 * chat as any person, and an inspection API for tests. State lives in memory.
 *
 * Mount into a Koa app on an existing server:
 *   app.use(emulator.router.routes()).use(emulator.router.allowedMethods()); emulator.attach(server);
 * or run it alone: `await startDingTalkEmulator({ port: 0 })`.
 */
export class DingTalkEmulator implements EmulatorPageHost {
  readonly router: Router;
  readonly faults: EmulatorFaults;
  readonly options: ResolvedEmulatorOptions;
  private readonly state: EmulatorState;
  private readonly hub: StreamHub;
  private readonly servers: Array<{ server: Server; listener: (req: IncomingMessage, socket: Duplex, head: Buffer) => void }> = [];
  private learnedOrigin: string | null = null;
  private readonly clickWaiters = new Map<string, (ack: AckRecord) => void>();
  /** Files people sent (served by messageFiles/download) and media uploaded by the bot (emulator-files.ts). */
  readonly files = new EmulatorFiles();

  constructor(options: DingTalkEmulatorOptions = {}) {
    this.options = resolveOptions(options);
    this.state = new EmulatorState(this.options);
    this.hub = new StreamHub(this.state, (frame, ack) => this.onAck(frame, ack));
    this.faults = new EmulatorFaults(
      {
        expireTokens: () => this.state.expireTokens(),
        disconnect: (reason, closeAfterMs) => this.hub.sendDisconnect(reason, closeAfterMs ?? this.options.disconnectCloseAfterMs),
        dropConnections: () => this.hub.dropAll(),
      },
      this.options.apiQpsLimit,
      this.options.now,
    );
    this.router = new Router();
    const core = {
      state: this.state,
      faults: this.faults,
      learnOrigin: (origin: string) => {
        this.learnedOrigin = origin;
      },
      wsEndpoint: (origin: string) => origin.replace(/^http/, 'ws') + '/connect',
      cardChanged: () => this.state.bump(),
    };
    registerOpenApiRoutes(this.router, core);
    registerSignInRoutes(this.router, core);
    registerEmulatorPageRoutes(this.router, this);
    registerWorkbenchRoutes(this.router, this.state);
    registerEmulatorFileRoutes(this.router, core, this.files, () => this.baseUrl());
    registerEmulatorFilePageRoutes(this.router, this, dmConversationId);
  }

  // ---- wiring ---------------------------------------------------------------------------------------------------

  /** Take WebSocket upgrades at `/connect` on this server (other upgrade paths are left alone). */
  attach(server: Server): void {
    const listener = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.hub.handleUpgrade(req, socket, head);
    };
    server.on('upgrade', listener);
    this.servers.push({ server, listener });
  }

  credentials(): { clientId: string; clientSecret: string; robotCode: string } {
    return { clientId: this.options.clientId, clientSecret: this.options.clientSecret, robotCode: this.options.robotCode };
  }

  /** How clients reach this emulator: configured baseUrl, else the attached server's local address. */
  baseUrl(): string {
    if (this.options.baseUrl) return this.options.baseUrl.replace(/\/+$/, '');
    for (const { server } of this.servers) {
      const address = server.address();
      if (address && typeof address === 'object') {
        const host = (address as AddressInfo).address;
        const local = !host || host === '::' || host === '0.0.0.0' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
        return `http://${local}:${(address as AddressInfo).port}`;
      }
    }
    return this.learnedOrigin ?? 'http://127.0.0.1';
  }

  /** DINGTALK_API_BASE / DINGTALK_OAPI_BASE / DINGTALK_GATEWAY_URL values that point at this emulator. */
  endpoints(): DingTalkEndpoints {
    const base = this.baseUrl();
    return { apiBase: base, oapiBase: base, gatewayUrl: `${base}/v1.0/gateway/connections/open` };
  }

  // ---- acting as people -----------------------------------------------------------------------------------------

  /** A person writes to the bot (DM) or @-mentions it in a group: recorded and pushed as a robot-message frame. */
  sendRobotMessage(input: SendRobotMessageInput): SentRobotMessage {
    const person = this.state.person(input.fromUserId);
    if (!person) throw new Error(`emulator: unknown user id ${input.fromUserId}`);
    const group = input.conversationId ? this.state.groups.get(input.conversationId) : undefined;
    if (input.conversationId && !group) throw new Error(`emulator: unknown group ${input.conversationId}`);
    const conversationId = group ? group.conversationId : dmConversationId(person.dingtalkUserId);
    const now = this.options.now();
    const msgtype = input.msgtype ?? 'text';
    const text = input.text ?? '';
    const botId = encryptedIdOf(`bot:${this.options.robotCode}`);
    const mentioned = (input.atUserIds ?? []).filter((u) => this.state.person(u));
    const session = this.state.newSession(conversationId, person.dingtalkUserId);
    const payload: Record<string, unknown> = {
      conversationId,
      conversationType: group ? '2' : '1',
      ...(group ? { conversationTitle: group.title } : {}),
      chatbotCorpId: this.options.corpId,
      chatbotUserId: botId,
      msgId: 'msg' + randomUUID().replace(/-/g, '').slice(0, 22) + '==',
      senderNick: person.name,
      isAdmin: false,
      senderStaffId: person.dingtalkUserId,
      senderId: encryptedIdOf(person.dingtalkUserId),
      senderCorpId: this.options.corpId,
      sessionWebhook: `${this.baseUrl()}/robot/sendBySession?session=${session}`,
      sessionWebhookExpiredTime: now + this.options.sessionWebhookTtlMs,
      createAt: now,
      isInAtList: true,
      atUsers: group ? [{ dingtalkId: botId }, ...mentioned.map((u) => ({ dingtalkId: encryptedIdOf(u), staffId: u }))] : [],
      robotCode: this.options.robotCode,
      msgtype,
    };
    if (msgtype === 'text' && !input.omitText) payload.text = { content: group ? ` ${text}` : text };
    if (input.omitText) payload.errorMessage = { code: 20001, message: 'quota exhausted (emulated)' };
    const sentFile = input.file && (FILE_MSGTYPES as readonly string[]).includes(msgtype) ? input.file : undefined;
    if (msgtype !== 'text') payload.content = sentFile ? this.files.contentOf(msgtype as FileMsgtype, sentFile) : { downloadCode: 'emu-' + randomUUID() };
    this.state.addEntry({
      conversationId,
      fromUserId: person.dingtalkUserId,
      via: 'person',
      kind: msgtype === 'text' ? 'text' : 'other',
      text: msgtype === 'text' ? text : [`[${msgtype}]`, sentFile?.name ?? '', sentFile?.text ?? '', sentFile?.recognition ?? ''].filter(Boolean).join(' '),
      ...(mentioned.length ? { atUserIds: mentioned } : {}),
    });
    const frame = this.hub.push('CALLBACK', TOPIC_ROBOT_MESSAGE, payload);
    return { msgId: payload.msgId as string, messageId: frame.messageId, pushed: frame.pushedTo.length > 0 };
  }

  /** A person clicks a card button: a card-callback frame; the ACK's `response` updates the card (≤ 2 s). */
  async clickCard(input: ClickCardInput): Promise<ClickResult> {
    const card = this.state.cards.get(input.outTrackId);
    if (!card) throw new Error(`emulator: unknown card ${input.outTrackId}`);
    const content = JSON.stringify({ cardPrivateData: { actionIds: input.actionIds ?? ['action_button'], params: input.params } });
    const space = card.spaces[0];
    const data = {
      outTrackId: input.outTrackId,
      userId: input.userId,
      userIdType: 1,
      corpId: this.options.corpId,
      type: 'actionCallback',
      spaceType: 'im',
      spaceId: space ? (space.type === 'IM_GROUP' ? space.id : dmConversationId(space.id)) : '',
      extension: '{}',
      content,
      value: content,
    };
    const frame = this.hub.push('CALLBACK', TOPIC_CARD_CALLBACK, data);
    // ACKs arrive on a later tick: registering the waiter right after the push cannot miss one.
    const ackPromise = new Promise<AckRecord | undefined>((resolve) => {
      const timer = setTimeout(() => {
        this.clickWaiters.delete(frame.messageId);
        resolve(undefined);
      }, this.options.cardCallbackTimeoutMs);
      this.clickWaiters.set(frame.messageId, (ack) => {
        clearTimeout(timer);
        this.clickWaiters.delete(frame.messageId);
        resolve(ack);
      });
    });
    const ack = await ackPromise;
    let applied = false;
    if (ack) applied = this.applyCallbackAnswer(card, input.userId, ack.data);
    else this.options.logger.warn('dingtalk.emulator.card_callback_unanswered', { outTrackId: input.outTrackId });
    return { messageId: frame.messageId, ack, applied };
  }

  private onAck(frame: FrameRecord, ack: AckRecord): void {
    const waiter = this.clickWaiters.get(frame.messageId);
    if (waiter) waiter(ack);
  }

  private applyCallbackAnswer(card: CardRecord, userId: string, data: unknown): boolean {
    const response = (data as { response?: unknown } | null)?.response as Record<string, unknown> | null | undefined;
    if (!response || typeof response !== 'object') return false;
    const opts = (response.cardUpdateOptions ?? {}) as Record<string, unknown>;
    const pub = (response.cardData as { cardParamMap?: Record<string, string> } | undefined)?.cardParamMap;
    const priv: Record<string, Record<string, string>> = {};
    const userMap = (response.userPrivateData as { cardParamMap?: Record<string, string> } | undefined)?.cardParamMap;
    if (userMap) priv[userId] = userMap;
    const older = response.privateData as Record<string, { cardParamMap?: Record<string, string> }> | undefined;
    if (older && typeof older === 'object') for (const [u, v] of Object.entries(older)) if (v?.cardParamMap) priv[u] = v.cardParamMap;
    try {
      applyCardUpdate(card, pub, priv, opts.updateCardDataByKey === true, opts.updatePrivateDataByKey === true);
    } catch (err) {
      this.options.logger.warn('dingtalk.emulator.bad_callback_answer', { error: errorMessage(err) });
      return false;
    }
    card.updatedAt = this.options.now();
    card.history.push({ at: card.updatedAt, source: 'callback', userId });
    this.state.bump();
    return true;
  }

  /**
   * An address-book change and its EVENT frame (headers `eventType`, `eventId`, `eventBornTime`, …; `data` with the
   * user ids under `userId`, or `UserId` in the legacy form). `user_add_org`/`user_modify_org` with a name put the
   * person in the emulator's address book (department `deptId`); `user_leave_org` makes DingTalk forget them.
   */
  fireAddressBookEvent(input: AddressBookEventInput): { eventId: string; messageId: string; pushed: boolean } {
    if (input.userIds.length === 0) throw new Error('emulator: userIds must name at least one user');
    for (const userId of input.userIds) {
      const known = this.state.person(userId);
      if (input.eventType === 'user_leave_org') {
        if (known) known.left = true;
      } else if (known || input.name) {
        const person = { personId: known?.personId ?? `dt-${userId}`, name: input.name ?? known!.name, dingtalkUserId: userId, deptIds: input.deptId !== undefined ? [input.deptId] : (known?.deptIds ?? [1]) };
        this.state.addPeople([person]);
      }
    }
    const now = this.options.now();
    const eventId = randomUUID().replace(/-/g, '');
    const data = input.legacyBody
      ? { EventType: input.eventType, UserId: input.userIds, CorpId: this.options.corpId, TimeStamp: String(now) }
      : { eventId, userId: input.userIds, corpId: this.options.corpId, timeStamp: now };
    const frame = this.hub.push('EVENT', input.eventType, data, {
      eventType: input.eventType,
      eventId,
      eventCorpId: this.options.corpId,
      eventBornTime: String(now),
      eventUnifiedAppId: this.options.clientId,
    });
    this.state.bump();
    return { eventId, messageId: frame.messageId, pushed: frame.pushedTo.length > 0 };
  }

  /** Test hook: push a frame with any payload (malformed ones included) on a topic. */
  pushFrame(topic: string, data: unknown, type: 'CALLBACK' | 'EVENT' = 'CALLBACK'): FrameRecord {
    return this.hub.push(type, topic, data);
  }

  /** Test hook: send raw text (e.g. a non-JSON frame) on every live connection. DingTalk never does this. */
  sendRawFrame(text: string): number {
    return this.hub.sendRaw(text);
  }

  /** Push the same frame again (same messageId and payload), as a DingTalk re-push. */
  redeliver(messageId: string): boolean {
    return this.hub.redeliver(messageId);
  }

  /** SYSTEM ping to every connection; resolves the opaque ids. */
  sendSystemPing(): string[] {
    return this.hub.sendSystemPing();
  }

  pongReceived(opaque: string): boolean {
    return this.hub.pongReceived(opaque);
  }

  // ---- inspection -----------------------------------------------------------------------------------------------

  people(): EmulatorPerson[] {
    return [...this.state.people.values()];
  }

  /** People who can write from now on (the bot adds its directory's people once its database has opened). */
  addPeople(people: EmulatorPerson[]): void {
    this.state.addPeople(people);
  }

  groups(): EmulatorGroup[] {
    return [...this.state.groups.values()];
  }

  /** What the bot sent to this person in their DM (robot messages, webhook replies, cards), oldest first. */
  messagesReceivedBy(userId: string): TimelineEntry[] {
    return this.state.timeline(dmConversationId(userId)).filter((e) => e.fromUserId === null);
  }

  /** Every line of a conversation (group id, or `dmConversationIdOf(userId)`). */
  conversation(conversationId: string): TimelineEntry[] {
    return [...this.state.timeline(conversationId)];
  }

  dmConversationIdOf(userId: string): string {
    return dmConversationId(userId);
  }

  cards(): CardRecord[] {
    return [...this.state.cards.values()];
  }

  card(outTrackId: string): CardRecord | undefined {
    return this.state.cards.get(outTrackId);
  }

  /** The card's params as this viewer sees them (public + their private values of private keys). */
  cardViewFor(outTrackId: string, userId: string | null): Record<string, string> | undefined {
    const card = this.state.cards.get(outTrackId);
    return card ? this.state.resolveCard(card, userId) : undefined;
  }

  apiCalls(api?: string): ApiCallRecord[] {
    return this.state.calls.filter((c) => !api || c.api === api);
  }

  apiCallCounts(): Record<string, number> {
    return Object.fromEntries(this.state.callCounts);
  }

  /** Calls answered with a QPS-limit error, per API (the enforced `apiQpsLimit` and throttle faults). */
  throttledCounts(): Record<string, number> {
    return Object.fromEntries(this.state.throttledCounts);
  }

  /** All throttled calls. */
  throttledTotal(): number {
    let total = 0;
    for (const n of this.state.throttledCounts.values()) total += n;
    return total;
  }

  registrations(): RegistrationRecord[] {
    return [...this.state.registrations];
  }

  connections(): ConnectionInfo[] {
    return this.hub.connections();
  }

  liveConnectionCount(): number {
    return this.hub.liveConnectionCount();
  }

  frame(messageId: string): FrameRecord | undefined {
    return this.hub.frames.get(messageId);
  }

  acks(messageId: string): AckRecord[] {
    return [...(this.hub.frames.get(messageId)?.acks ?? [])];
  }

  heldFrameCount(): number {
    return this.hub.heldCount();
  }

  /** Monotonic change counter (the page polls it). */
  version(): number {
    return this.state.version;
  }

  /** Poll `predicate` every 10 ms until true; rejects after `timeoutMs` with `what` in the message. */
  async waitFor(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`emulator: timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Resolve once `messageId` has at least `count` ACKs. */
  async waitForAcks(messageId: string, count = 1, timeoutMs = 5000): Promise<AckRecord[]> {
    await this.waitFor(() => this.acks(messageId).length >= count, timeoutMs, `${count} ACK(s) of ${messageId}`);
    return this.acks(messageId);
  }

  /** Internal state for the page routes. */
  internals(): { state: EmulatorState; hub: StreamHub } {
    return { state: this.state, hub: this.hub };
  }

  async close(): Promise<void> {
    for (const { server, listener } of this.servers) server.off('upgrade', listener);
    this.servers.length = 0;
    await this.hub.close();
  }
}

export function createDingTalkEmulator(options: DingTalkEmulatorOptions = {}): DingTalkEmulator {
  return new DingTalkEmulator(options);
}

export interface RunningDingTalkEmulator {
  emulator: DingTalkEmulator;
  server: Server;
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  endpoints: DingTalkEndpoints;
  close(): Promise<void>;
}

/** The emulator alone on its own HTTP server (tests, benchmarks). Port 0 = chosen by the OS. */
export async function startDingTalkEmulator(
  options: DingTalkEmulatorOptions & { port?: number; host?: string } = {},
): Promise<RunningDingTalkEmulator> {
  const emulator = createDingTalkEmulator(options);
  const app = new Koa();
  app.silent = true;
  app.use(
    catchErrors((ctx, err) => {
      emulator.options.logger.error('dingtalk.emulator.request_failed', { path: ctx.path, error: errorMessage(err) });
      ctx.status = 500;
      ctx.body = { code: 'InternalError', message: 'emulator error' };
    }),
  );
  app.use(emulator.router.routes()).use(emulator.router.allowedMethods());
  const server = http.createServer(app.callback());
  emulator.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    emulator,
    server,
    port,
    url,
    endpoints: emulator.endpoints(),
    close: async () => {
      await emulator.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
