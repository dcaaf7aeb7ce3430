import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { parseJsonOrUndefined, readBodyText } from '../adapters/dingtalk/http/read-json-body';
import { errorMessage } from '../adapters/logging/error-message';
import type { EmulatorFaults } from './emulator-faults';
import { dmConversationId, type EmulatorState } from './emulator-state';
import type {
  AddressBookEventInput,
  CardRecord,
  ClickCardInput,
  ClickResult,
  ConnectionInfo,
  EmulatorPerson,
  RegistrationRecord,
  SendRobotMessageInput,
  SentRobotMessage,
  TimelineEntry,
} from './emulator.types';
import { renderEmulatorPage } from './page/emulator-page';

/**
 * The emulator's web page (`GET /`) and its JSON API under `/emulator/api/`: the page polls `state` for one
 * viewer, posts messages and card clicks; tests and scripts may also read `inspect` (call and throttled counts per
 * API) and switch `faults` (`{"kind":"qpsLimit","limit":20}` enforces DingTalk's per-API QPS limit; 0 = off).
 */
type Json = Record<string, unknown>;

/** What the page routes need from the emulator (DingTalkEmulator implements it). */
export interface EmulatorPageHost {
  readonly options: { botName: string; robotCode: string };
  readonly faults: EmulatorFaults;
  internals(): { state: EmulatorState; hub: { liveConnectionCount(): number } };
  version(): number;
  people(): EmulatorPerson[];
  messagesReceivedBy(userId: string): TimelineEntry[];
  sendRobotMessage(input: SendRobotMessageInput): SentRobotMessage;
  clickCard(input: ClickCardInput): Promise<ClickResult>;
  fireAddressBookEvent(input: AddressBookEventInput): { eventId: string; messageId: string; pushed: boolean };
  apiCallCounts(): Record<string, number>;
  throttledCounts(): Record<string, number>;
  registrations(): RegistrationRecord[];
  connections(): ConnectionInfo[];
  cards(): CardRecord[];
  heldFrameCount(): number;
}

interface ViewEntry {
  id: string;
  seq: number;
  at: number;
  from: { userId: string; name: string } | null;
  kind: TimelineEntry['kind'];
  text?: string;
  title?: string;
  via: TimelineEntry['via'];
  atNames?: string[];
  card?: { outTrackId: string; params: Record<string, string>; fields: unknown[]; actions: unknown[]; form: { fields: unknown[] } | null };
  conversationTitle?: string;
}

function parseList(v: string | undefined): unknown[] {
  if (!v) return [];
  const parsed = parseJsonOrUndefined(v);
  return Array.isArray(parsed) ? parsed : [];
}

/** The viewer's Form (docs/dingtalk-cards.md §2.5): shown while `form_open` is true and `form` holds `{fields:[…]}`. */
function parseForm(params: Record<string, string>): { fields: unknown[] } | null {
  if (params.form_open !== 'true' || !params.form) return null;
  const parsed = parseJsonOrUndefined(params.form) as { fields?: unknown } | undefined;
  return parsed && typeof parsed === 'object' && Array.isArray(parsed.fields) ? { fields: parsed.fields } : null;
}

function viewEntry(state: EmulatorState, e: TimelineEntry, viewer: string | null): ViewEntry {
  const name = (userId: string) => state.person(userId)?.name ?? userId;
  const out: ViewEntry = {
    id: e.id,
    seq: e.seq,
    at: e.at,
    from: e.fromUserId ? { userId: e.fromUserId, name: name(e.fromUserId) } : null,
    kind: e.kind,
    text: e.text,
    title: e.title,
    via: e.via,
    ...(e.atUserIds ? { atNames: e.atUserIds.map(name) } : {}),
  };
  if (e.kind === 'card' && e.outTrackId) {
    const card = state.cards.get(e.outTrackId);
    if (card) {
      const params = state.resolveCard(card, viewer);
      out.card = { outTrackId: card.outTrackId, params, fields: parseList(params.fields), actions: parseList(params.actions), form: parseForm(params) };
    }
  }
  return out;
}

export function buildViewerState(emulator: EmulatorPageHost, viewer: string | null): Json {
  const { state, hub } = emulator.internals();
  const people = [...state.people.values()].map((p) => ({ userId: p.dingtalkUserId, name: p.name, personId: p.personId, locale: p.locale ?? 'zh-CN' }));
  const conversations: Json[] = [];
  const received: ViewEntry[] = [];
  if (viewer && state.person(viewer)) {
    const dm = dmConversationId(viewer);
    const dmEntries = state.timeline(dm).map((e) => viewEntry(state, e, viewer));
    conversations.push({ id: dm, kind: 'dm', title: emulator.options.botName, entries: dmEntries });
    received.push(...dmEntries.filter((e) => !e.from).map((e) => ({ ...e, conversationTitle: emulator.options.botName })));
    for (const g of state.groups.values()) {
      if (!g.memberUserIds.includes(viewer)) continue;
      const entries = state.timeline(g.conversationId).map((e) => viewEntry(state, e, viewer));
      conversations.push({ id: g.conversationId, kind: 'group', title: g.title, entries });
      received.push(...entries.filter((e) => !e.from).map((e) => ({ ...e, conversationTitle: g.title })));
    }
  }
  received.sort((a, b) => b.seq - a.seq);
  const everyone = people.map((p) => ({ userId: p.userId, name: p.name, personId: p.personId, received: emulator.messagesReceivedBy(p.userId).length }));
  return {
    version: state.version,
    bot: { name: emulator.options.botName, connected: hub.liveConnectionCount() > 0, robotCode: emulator.options.robotCode },
    viewer,
    people,
    conversations,
    received: received.slice(0, 100),
    everyone,
  };
}

async function jsonBody(ctx: Context): Promise<Json> {
  const parsed = parseJsonOrUndefined(await readBodyText(ctx.req, 256 * 1024));
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Json) : {};
}

function fail(ctx: Context, status: number, message: string): void {
  ctx.status = status;
  ctx.body = { error: message };
}

export function registerEmulatorPageRoutes(router: Router, emulator: EmulatorPageHost): void {
  router.get('/', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = renderEmulatorPage();
  });

  router.get('/emulator/api/state', (ctx) => {
    const viewer = typeof ctx.query.viewer === 'string' && ctx.query.viewer ? ctx.query.viewer : null;
    const since = Number(ctx.query.since ?? -1);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = since === emulator.version() ? { version: since, unchanged: true } : buildViewerState(emulator, viewer);
  });

  router.post('/emulator/api/messages', async (ctx) => {
    const body = await jsonBody(ctx);
    const text = typeof body.text === 'string' ? body.text : '';
    if (typeof body.fromUserId !== 'string' || !text.trim()) return fail(ctx, 400, 'fromUserId and text are required');
    try {
      ctx.body = emulator.sendRobotMessage({
        fromUserId: body.fromUserId,
        conversationId: typeof body.conversationId === 'string' && body.conversationId !== dmConversationId(body.fromUserId) ? body.conversationId : undefined,
        text,
        atUserIds: Array.isArray(body.atUserIds) ? body.atUserIds.filter((u): u is string => typeof u === 'string') : undefined,
      });
    } catch (err) {
      fail(ctx, 400, errorMessage(err));
    }
  });

  router.post('/emulator/api/card-actions', async (ctx) => {
    const body = await jsonBody(ctx);
    if (typeof body.userId !== 'string' || typeof body.outTrackId !== 'string') return fail(ctx, 400, 'userId and outTrackId are required');
    const params = body.params && typeof body.params === 'object' ? (body.params as Json) : {};
    // A Form submit names its component (`form`); a button click leaves the default.
    const actionIds = Array.isArray(body.actionIds) ? body.actionIds.filter((a): a is string => typeof a === 'string') : undefined;
    try {
      const result = await emulator.clickCard({ outTrackId: body.outTrackId, userId: body.userId, params, ...(actionIds?.length ? { actionIds } : {}) });
      ctx.body = { messageId: result.messageId, acked: !!result.ack, applied: result.applied };
    } catch (err) {
      fail(ctx, 400, errorMessage(err));
    }
  });

  // Address-book events (staff sync): {eventType, userIds, name?, deptId?, legacyBody?}
  router.post('/emulator/api/address-book-events', async (ctx) => {
    const b = await jsonBody(ctx);
    const types = ['user_add_org', 'user_modify_org', 'user_leave_org'];
    const userIds = Array.isArray(b.userIds) ? b.userIds.filter((u): u is string => typeof u === 'string' && u.length > 0) : typeof b.userId === 'string' && b.userId ? [b.userId] : [];
    if (typeof b.eventType !== 'string' || !types.includes(b.eventType) || userIds.length === 0) {
      return fail(ctx, 400, 'eventType (user_add_org | user_modify_org | user_leave_org) and userIds are required');
    }
    const deptId = b.deptId === undefined || b.deptId === '' ? undefined : Number(b.deptId);
    if (deptId !== undefined && !Number.isInteger(deptId)) return fail(ctx, 400, 'deptId: a whole number');
    ctx.body = emulator.fireAddressBookEvent({
      eventType: b.eventType as AddressBookEventInput['eventType'],
      userIds,
      ...(typeof b.name === 'string' && b.name.trim() ? { name: b.name.trim() } : {}),
      ...(deptId !== undefined ? { deptId } : {}),
      legacyBody: b.legacyBody === true,
    });
  });

  router.get('/emulator/api/inspect', (ctx) => {
    ctx.body = {
      apiCallCounts: emulator.apiCallCounts(),
      qpsLimit: emulator.faults.qpsLimitPerApi(),
      throttledCounts: emulator.throttledCounts(),
      registrations: emulator.registrations().map((r) => ({ at: r.at, ok: r.ok, status: r.status })),
      connections: emulator.connections().map(({ id, openedAt, closedAt, goingAway }) => ({ id, openedAt, closedAt, goingAway })),
      cards: emulator.cards(),
      received: Object.fromEntries(emulator.people().map((p) => [p.dingtalkUserId, emulator.messagesReceivedBy(p.dingtalkUserId)])),
      heldFrames: emulator.heldFrameCount(),
    };
  });

  router.post('/emulator/api/faults', async (ctx) => {
    const b = await jsonBody(ctx);
    const api = typeof b.api === 'string' || Array.isArray(b.api) ? (b.api as string | string[]) : undefined;
    const times = typeof b.times === 'number' ? b.times : undefined;
    switch (b.kind) {
      case 'throttle':
        emulator.faults.throttle({ api, times, scope: b.scope === 'global' ? 'global' : 'app' });
        break;
      case 'server':
        emulator.faults.serverError({ api, times, status: typeof b.status === 'number' ? b.status : undefined });
        break;
      case 'flowControl':
        emulator.faults.flowControl({ userIds: Array.isArray(b.userIds) ? (b.userIds as string[]) : undefined, times });
        break;
      case 'expireTokens':
        emulator.faults.expireTokens();
        break;
      case 'disconnect':
        emulator.faults.disconnect(typeof b.reason === 'string' ? b.reason : undefined, typeof b.closeAfterMs === 'number' ? b.closeAfterMs : undefined);
        break;
      case 'drop':
        emulator.faults.dropConnections();
        break;
      case 'qpsLimit':
        if (typeof b.limit !== 'number' || !Number.isInteger(b.limit) || b.limit < 0) return fail(ctx, 400, 'limit: a whole number ≥ 0 (0 = off)');
        emulator.faults.setQpsLimit(b.limit);
        break;
      case 'clear':
        emulator.faults.clear();
        break;
      default:
        return fail(ctx, 400, 'kind: throttle | server | flowControl | qpsLimit | expireTokens | disconnect | drop | clear');
    }
    ctx.body = { ok: true };
  });
}
