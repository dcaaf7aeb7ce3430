/**
 * The chat layer on a real embedded database (SQLite, TypeORM stores) with the recording chat gateway and an
 * injected clock: what the bot integration suites share. Builds messages and card clicks as the DingTalk adapter
 * hands them over, and drains the outbox into the card-update reaction as the dispatcher would.
 */
import { ticketServiceOn } from '../../src/compose-core';
import { InMemoryChatGateway } from './in-memory-chat-gateway';
import { InProcessAdminAlertMemory } from '../../src/adapters/memory/in-process-admin-alert-memory';
import { InProcessFilingLimit } from '../../src/adapters/memory/in-process-filing-limit';
import { parseCardCallback } from '../../src/adapters/dingtalk/inbound/card-callback.parser';
import { openDatabase, type Database } from '../../src/adapters/persistence/data-source';
import { TypeormCardStore } from '../../src/adapters/persistence/typeorm-card-store';
import { TypeormDirectoryStore } from '../../src/adapters/persistence/typeorm-directory-store';
import { TypeormOutboxStore } from '../../src/adapters/persistence/typeorm-outbox-store';
import { TypeormNoticeStore } from '../../src/adapters/persistence/typeorm-notice-store';
import { cardUpdateReaction, createChatHandler, type ChatLayerDeps } from '../../src/bot/app/chat-app';
import { newReactionContext } from '../../src/application/outbox/reactions';
import { TicketService } from '../../src/application/tickets/ticket-service';
import type { DirectoryData } from '../../src/domain/directory/directory.types';
import type { ChatInboundHandler, IncomingCardAction, IncomingChatMessage } from '../../src/domain/ports/chat-inbound.port';
import { silentLog } from '../../src/domain/ports/log.port';
import { demoData, WORKDAY_10AM } from './demo';
import { FakeClock } from './fake-clock';

export interface ChatHarness {
  db: Database;
  directory: TypeormDirectoryStore;
  tickets: TicketService;
  cards: TypeormCardStore;
  notices: TypeormNoticeStore;
  outbox: TypeormOutboxStore;
  gateway: InMemoryChatGateway;
  deps: ChatLayerDeps;
  handler: ChatInboundHandler;
  react: ReturnType<typeof cardUpdateReaction>;
  clock: FakeClock;
  /** A DM text message (unique msgId) from `userId`; `extra` overrides any field. */
  message(userId: string, text: string | null, extra?: Partial<IncomingChatMessage>): IncomingChatMessage;
  /** A click (unique callback id) on card `outTrackId`, its params as the card sends them, parsed by the adapter. */
  cardAction(userId: string, outTrackId: string, params: Record<string, string>): IncomingCardAction;
  /** Hand every committed outbox event to the card reaction; returns how many. */
  drain(): Promise<number>;
  close(): Promise<void>;
}

export async function chatHarness(adjust?: (d: DirectoryData) => void): Promise<ChatHarness> {
  const clock = new FakeClock(WORKDAY_10AM);
  const db = await openDatabase({ sqlitePath: ':memory:' });
  const directory = new TypeormDirectoryStore(db);
  const data = demoData();
  adjust?.(data);
  await directory.importData(data, { prune: false, now: clock.now() });
  const tickets = ticketServiceOn(db, { directory, clock });
  const cards = new TypeormCardStore(db.gate);
  const outbox = new TypeormOutboxStore(db.gate);
  const notices = new TypeormNoticeStore(db.gate);
  const gateway = new InMemoryChatGateway();
  // Fresh state per harness, as a fresh process would have.
  const deps: ChatLayerDeps = {
    tickets,
    directory,
    cards,
    notices,
    gateway,
    clock,
    log: silentLog,
    defaultLocale: 'zh-CN',
    filingLimit: new InProcessFilingLimit(),
    adminAlerts: new InProcessAdminAlertMemory(),
  };
  const react = cardUpdateReaction(deps);
  const inner = createChatHandler(deps);
  const drain = async () => {
    const records = await outbox.claim('test', 1000, clock.now(), 30_000);
    for (const r of records) {
      await react(r, newReactionContext());
      await outbox.markDone([r.id], 'test', clock.now());
    }
    return records.length;
  };
  // As the process's own-outbox path does right after the commit: a message's events (a filing's first card) are
  // handled before the test looks; card clicks leave theirs to `drain()`.
  const handler: ChatInboundHandler = {
    onCardAction: (a) => inner.onCardAction(a),
    onMessage: async (m) => {
      await inner.onMessage(m);
      await drain();
    },
  };
  let seq = 0;
  return {
    db,
    directory,
    tickets,
    cards,
    notices,
    outbox,
    gateway,
    deps,
    handler,
    react,
    clock,
    message: (userId, text, extra = {}) => ({
      msgId: `msg-${++seq}`,
      senderUserId: userId,
      senderNick: '',
      conversationType: 'dm',
      conversationId: `dm-${userId}`,
      mentioned: true,
      atUserIds: [],
      text,
      msgType: text === null ? 'picture' : 'text',
      createdAt: clock.now().getTime(),
      sessionWebhook: null,
      sessionWebhookExpiresAt: null,
      ...extra,
    }),
    cardAction: (userId, outTrackId, params) => {
      // As DingTalk sends it, through the adapter's parser (the only reader of the wire format: `form`, nested `params`).
      const content = JSON.stringify({ cardPrivateData: { actionIds: [], params } });
      const parsed = parseCardCallback({ outTrackId, userId, content }, `cb-${++seq}`);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.value;
    },
    drain,
    close: () => db.close(),
  };
}

/** `inner` with the outbox drained after every message and click (the reactions' effects visible at once). */
export function drainingHandler(h: Pick<ChatHarness, 'drain'>, inner: ChatInboundHandler): ChatInboundHandler {
  return {
    ...inner,
    onCardAction: async (a) => {
      const r = await inner.onCardAction(a);
      await h.drain();
      return r;
    },
    onMessage: async (m) => {
      await inner.onMessage(m);
      await h.drain();
    },
  };
}
