import { type Log } from '../../../src/domain/ports/log.port';
import { DingTalkChatGateway } from '../../../src/adapters/dingtalk/dingtalk-chat.gateway';
import { startDingTalkEmulator, type RunningDingTalkEmulator } from '../../../src/emulator';
import type { DingTalkEmulatorOptions, EmulatorPerson } from '../../../src/emulator/emulator.types';
import { InMemoryInboxStore } from './in-memory-inbox.store';
import { InboundPipeline, type FrameSpool } from '../../../src/adapters/dingtalk/inbound/inbound-pipeline';
import { DingTalkOpenApiClient, type DingTalkOpenApiOptions } from '../../../src/adapters/dingtalk/openapi/dingtalk-openapi.client';
import { DingTalkStreamReceiver } from '../../../src/adapters/dingtalk/stream/dingtalk-stream.receiver';
import type { ResilientStreamClientOptions } from '../../../src/adapters/dingtalk/stream/resilient-stream.client';
import type { ChatInboundHandler } from '../../../src/domain/ports/chat-inbound.port';
import { RecordingLogger } from './recording-logger';
import { TicketEchoHandler } from './ticket-echo.handler';

export const TEST_PEOPLE: EmulatorPerson[] = [
  { personId: 'p-alice', name: 'Alice 王', dingtalkUserId: 'u-alice' },
  { personId: 'p-bob', name: 'Bob 李 (service desk)', dingtalkUserId: 'u-bob' },
  { personId: 'p-carol', name: 'Carol 张', dingtalkUserId: 'u-carol' },
];
export const TEST_GROUP_ID = 'cidTestGroup==';
export const CARD_TEMPLATE_ID = 'test-template.schema';

/** Fast retries for tests (real defaults wait seconds). */
export const FAST_RETRY: DingTalkOpenApiOptions['retry'] = {
  maxAttempts: 4,
  throttle: { initialMs: 5, maxMs: 40, jitterRatio: 0 },
  server: { initialMs: 5, maxMs: 40, jitterRatio: 0 },
};

export function openApiClientFor(running: RunningDingTalkEmulator, logger: Log = new RecordingLogger(), extra: Partial<DingTalkOpenApiOptions> = {}): DingTalkOpenApiClient {
  const { clientId, clientSecret, robotCode } = running.emulator.credentials();
  return new DingTalkOpenApiClient({
    clientId,
    clientSecret,
    robotCode,
    apiBase: running.endpoints.apiBase,
    oapiBase: running.endpoints.oapiBase,
    qps: 0,
    retry: FAST_RETRY,
    flowControl: { maxRetries: 3, backoff: { initialMs: 5, maxMs: 20, jitterRatio: 0 } },
    logger,
    ...extra,
  });
}

export interface Harness {
  running: RunningDingTalkEmulator;
  logger: RecordingLogger;
  inbox: InMemoryInboxStore;
  api: DingTalkOpenApiClient;
  gateway: DingTalkChatGateway;
  handler: TicketEchoHandler;
  pipeline: InboundPipeline;
  receiver: DingTalkStreamReceiver;
  close(): Promise<void>;
}

/** Emulator on port 0 + the real dingtalk-stream client (subclassed) + pipeline + test handler, all wired. */
export async function startHarness(options: {
  emulator?: DingTalkEmulatorOptions;
  client?: Partial<ResilientStreamClientOptions>;
  handler?: (h: TicketEchoHandler) => ChatInboundHandler;
  cardAnswerTimeoutMs?: number;
  connect?: boolean;
  /** Another inbox (e.g. one that fails while the "database" is down). */
  inbox?: InMemoryInboxStore;
  spool?: FrameSpool;
} = {}): Promise<Harness> {
  const logger = new RecordingLogger();
  const running = await startDingTalkEmulator({
    people: TEST_PEOPLE,
    groups: [{ conversationId: TEST_GROUP_ID, title: 'IT 服务台' }],
    disconnectCloseAfterMs: 300,
    logger: logger.child({ component: 'emulator' }),
    ...options.emulator,
  });
  const api = openApiClientFor(running, logger.child({ component: 'openapi' }));
  const gateway = new DingTalkChatGateway({ api, cardTemplateId: CARD_TEMPLATE_ID, logger });
  const echo = new TicketEchoHandler({ gateway, api, contactUserId: 'u-bob', slowMs: 600 });
  const inbox = options.inbox ?? new InMemoryInboxStore();
  const pipeline = new InboundPipeline({
    spool: options.spool,
    inbox,
    handler: options.handler ? options.handler(echo) : echo,
    logger,
    cardAnswerTimeoutMs: options.cardAnswerTimeoutMs ?? 1000,
    onLateCardAnswer: (outTrackId, answer) => gateway.updateCard(outTrackId, answer.card),
  });
  const { clientId, clientSecret } = running.emulator.credentials();
  const receiver = new DingTalkStreamReceiver({
    client: {
      clientId,
      clientSecret,
      gatewayUrl: running.endpoints.gatewayUrl,
      keepAliveIntervalMs: 500,
      backoff: { initialMs: 50, maxMs: 500, jitterRatio: 0.2 },
      drainMs: 200,
      logger: logger.child({ component: 'stream' }),
      ...options.client,
    },
    pipeline,
    logger,
  });
  if (options.connect !== false) {
    await receiver.start();
    await running.emulator.waitFor(() => receiver.health().state === 'open', 5000, 'stream connection');
  }
  return {
    running,
    logger,
    inbox,
    api,
    gateway,
    handler: echo,
    pipeline,
    receiver,
    close: async () => {
      await receiver.stop();
      await running.close();
    },
  };
}
