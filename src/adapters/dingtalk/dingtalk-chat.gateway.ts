import type {
  CardSpace,
  CardView,
  ChatGateway,
  ChatMessage,
  DeliveryFailure,
  DeliveryPriority,
  DeliveryReport,
} from '../../domain/ports/chat-gateway.port';
import { oversizedKeys, toPrivateCardData, toPublicCardParamMap, withTicketLink } from './cards/card-params';
import { DingTalkApiError } from './shared/dingtalk.errors';
import { silentLog, type Log } from '../../domain/ports/log.port';
import { asApiError, openSpaceIdOf, type CardDeliverResult, type DingTalkOpenApiClient } from './openapi/dingtalk-openapi.client';
import { DINGTALK_API } from './openapi/dingtalk-api-names';
import { CardDeliveries, type SpaceOutcome } from './card-deliveries';
import type { SendPriority } from './openapi/send-scheduler';

/** The port's priorities → the send scheduler's ranks (1 goes first). */
const SEND_PRIORITY: Record<DeliveryPriority, SendPriority> = { answer: 1, act: 2, update: 3, inform: 4 };

export interface DingTalkChatGatewayOptions {
  api: DingTalkOpenApiClient;
  /** DINGTALK_CARD_TEMPLATE_ID. */
  cardTemplateId: string;
  /** `STREAM` (default) or `HTTP` (DINGTALK_MODE=http; then `callbackRouteKey` is the registered route key). */
  callbackType?: 'STREAM' | 'HTTP';
  callbackRouteKey?: string;
  logger?: Log;
  /** Cards whose private-data holders are remembered (to reset users dropped from `privateActions`). Default 10 000. */
  rememberCards?: number;
  /** The workbench page's base URL: ticket cards link their page (`url`); unset = no link. */
  portalUrl?: string;
}

/** Error codes meaning "this outTrackId already exists" (create is not idempotent; docs/dingtalk-cards.md §2.4). */
const CARD_EXISTS = /alreadyExist|already.?exist/i;

/** DingTalk's limit on `openSpaceId` (docs/dingtalk-cards.md §2.1): about 49 IM_ROBOT spaces fit in one. */
export const OPEN_SPACE_ID_MAX = 1000;

/** The spaces in as few groups as possible whose `openSpaceId` fits in `OPEN_SPACE_ID_MAX`, in order. */
export function spaceChunks(spaces: readonly CardSpace[], max = OPEN_SPACE_ID_MAX): CardSpace[][] {
  const chunks: CardSpace[][] = [];
  let current: CardSpace[] = [];
  for (const space of spaces) {
    if (current.length > 0 && openSpaceIdOf([...current, space]).length > max) {
      chunks.push(current);
      current = [];
    }
    current.push(space);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Chat messages → robot msgKey/msgParam. */
export function toRobotMessage(message: ChatMessage): { msgKey: string; msgParam: Record<string, string> } {
  return message.markdown
    ? { msgKey: 'sampleMarkdown', msgParam: { title: message.title, text: message.text } }
    : { msgKey: 'sampleText', msgParam: { content: message.text } };
}

/** The ChatGateway port on DingTalk's OpenAPI. API failures become `DeliveryReport.failed`, never throws for them. */
export class DingTalkChatGateway implements ChatGateway {
  private readonly logger: Log;
  /** outTrackId → users given private data by this process (LRU by insertion order). */
  private readonly privateHolders = new Map<string, Set<string>>();

  /** New holders of existing instances, batched per instance. */
  private readonly deliveries: CardDeliveries;

  constructor(private readonly options: DingTalkChatGatewayOptions) {
    this.logger = options.logger ?? silentLog;
    this.deliveries = new CardDeliveries({
      send: (id, chunk, priority) => this.deliverChunk(id, chunk, priority),
      fits: (spaces) => openSpaceIdOf(spaces).length <= OPEN_SPACE_ID_MAX,
      key: spaceKey,
    });
  }

  /**
   * Private data for a delivery or update. DingTalk merges private data by key, so a user dropped from
   * `privateActions` would keep their old buttons: users this process gave private data before are reset to the
   * public list (after a restart that memory is gone; the server re-checks every click anyway).
   */
  private privateDataFor(outTrackId: string, card: CardView, publicMap: Record<string, string>): Record<string, Record<string, string>> {
    const data = toPrivateCardData(card);
    const holders = this.privateHolders.get(outTrackId) ?? new Set<string>();
    // A partial update leaves the holders it does not list as they are (DingTalk merges private data per user).
    for (const userId of card.privatePartial ? [] : holders) {
      if (!data[userId]) data[userId] = { actions: publicMap.actions, notice: '' };
      else if (data[userId].actions === undefined) data[userId].actions = publicMap.actions;
    }
    for (const userId of Object.keys(data)) holders.add(userId);
    this.privateHolders.delete(outTrackId);
    this.privateHolders.set(outTrackId, holders);
    const max = this.options.rememberCards ?? 10_000;
    while (this.privateHolders.size > max) {
      const oldest = this.privateHolders.keys().next().value;
      if (oldest === undefined) break;
      this.privateHolders.delete(oldest);
    }
    return data;
  }

  async notifyUsers(userIds: readonly string[], message: ChatMessage, priority: DeliveryPriority = 'inform'): Promise<DeliveryReport> {
    if (userIds.length === 0) return { delivered: [], failed: [] };
    const { msgKey, msgParam } = toRobotMessage(message);
    const report = await this.options.api.batchSendToUsers(userIds, msgKey, msgParam, { priority: SEND_PRIORITY[priority] });
    return { delivered: report.sent, failed: report.failed };
  }

  async notifyGroup(conversationId: string, message: ChatMessage, priority: DeliveryPriority = 'inform'): Promise<DeliveryReport> {
    const { msgKey, msgParam } = toRobotMessage(message);
    try {
      await this.options.api.sendGroupMessage(conversationId, msgKey, msgParam, { priority: SEND_PRIORITY[priority] });
      return { delivered: [conversationId], failed: [] };
    } catch (err) {
      const e = asApiError(err, DINGTALK_API.robotGroupSend);
      return { delivered: [], failed: [{ conversationId, code: e.code, message: e.message, retryable: e.retryable }] };
    }
  }

  /**
   * One `createAndDeliver` for every space (split only when the `openSpaceId` would pass 1,000 characters: the
   * first part creates, the others are delivered to). "Already exists" (a retry after DingTalk accepted) counts as
   * created: the card is updated and delivered to the spaces.
   */
  async deliverCard(outTrackId: string, spaces: readonly CardSpace[], card: CardView, priority: DeliveryPriority = 'act'): Promise<DeliveryReport> {
    if (spaces.length === 0) return { delivered: [], failed: [] };
    const [first = [], ...rest] = spaceChunks(spaces);
    const cardParamMap = withTicketLink(toPublicCardParamMap(card), this.options.portalUrl);
    const privateData = this.privateDataFor(outTrackId, card, cardParamMap);
    this.warnOversized(outTrackId, cardParamMap);
    let results: CardDeliverResult[];
    try {
      const res = await this.options.api.createAndDeliverCard({
        outTrackId,
        cardTemplateId: this.options.cardTemplateId,
        cardParamMap,
        privateData,
        spaces: first,
        callbackType: this.options.callbackType ?? 'STREAM',
        callbackRouteKey: this.options.callbackRouteKey,
        priority: SEND_PRIORITY[priority],
      });
      results = res.deliverResults;
    } catch (err) {
      if (err instanceof DingTalkApiError && CARD_EXISTS.test(err.code)) {
        return this.redeliverExisting(outTrackId, spaces, card, priority);
      }
      const e = asApiError(err, DINGTALK_API.cardCreateAndDeliver);
      return { delivered: [], failed: spaces.map((s) => spaceFailure(s, e.code, e.message, e.retryable)) };
    }
    return mergeReports(reportOf(first, results), await this.addCardSpaces(outTrackId, rest.flat(), priority));
  }

  /**
   * New holders of an existing instance: batched across calls per instance (`CardDeliveries`: one deliver waiting
   * or in flight at a time, the spaces asked meanwhile go together in the next, split where `openSpaceId` is full).
   */
  addCardSpaces(outTrackId: string, spaces: readonly CardSpace[], priority: DeliveryPriority = 'act'): Promise<DeliveryReport> {
    return this.deliveries.add(outTrackId, spaces, SEND_PRIORITY[priority]);
  }

  /** One deliver call for `chunk`: each space's outcome (never throws). */
  private async deliverChunk(outTrackId: string, chunk: readonly CardSpace[], priority: SendPriority): Promise<SpaceOutcome[]> {
    let report: DeliveryReport;
    try {
      report = reportOf(chunk, await this.options.api.deliverCard(outTrackId, chunk, false, { priority }));
    } catch (err) {
      const e = asApiError(err, DINGTALK_API.cardDeliver);
      report = { delivered: [], failed: chunk.map((s) => spaceFailure(s, e.code, e.message, e.retryable)) };
    }
    return [...report.delivered.map((delivered) => ({ delivered })), ...report.failed.map((failed) => ({ failed }))];
  }

  /** The card exists already: update it in place, then make sure it is in every requested space. */
  private async redeliverExisting(outTrackId: string, spaces: readonly CardSpace[], card: CardView, priority: DeliveryPriority): Promise<DeliveryReport> {
    this.logger.info('dingtalk.card.exists_updating', { outTrackId });
    try {
      await this.updateCard(outTrackId, card, priority);
    } catch (err) {
      const e = asApiError(err, DINGTALK_API.cardUpdate);
      return { delivered: [], failed: spaces.map((s) => spaceFailure(s, e.code, e.message, e.retryable)) };
    }
    return this.addCardSpaces(outTrackId, spaces, priority);
  }

  async updateCard(outTrackId: string, card: CardView, priority: DeliveryPriority = 'update'): Promise<void> {
    const cardParamMap = withTicketLink(toPublicCardParamMap(card), this.options.portalUrl);
    this.warnOversized(outTrackId, cardParamMap);
    const privateData = this.privateDataFor(outTrackId, card, cardParamMap);
    await this.options.api.updateCard({ outTrackId, cardParamMap, privateData, mergeByKey: true, priority: SEND_PRIORITY[priority] });
  }

  async answerPrivately(userId: string, message: ChatMessage, priority: DeliveryPriority = 'answer'): Promise<void> {
    const report = await this.notifyUsers([userId], message, priority);
    const failure = report.failed[0];
    if (failure) {
      throw new DingTalkApiError(DINGTALK_API.robotBatchSend, failure.retryable ? 'throttled' : 'client', failure.code, failure.message, null);
    }
  }

  private warnOversized(outTrackId: string, map: Record<string, string>): void {
    const keys = oversizedKeys(map);
    if (keys.length > 0) this.logger.warn('dingtalk.card.value_over_1kb', { outTrackId, keys });
  }
}

function spaceFailure(space: CardSpace, code: string, message: string, retryable: boolean): DeliveryFailure {
  return space.kind === 'dm'
    ? { userId: space.userId, code, message, retryable }
    : { conversationId: space.conversationId, code, message, retryable };
}

function spaceKey(space: CardSpace): string {
  return space.kind === 'dm' ? space.userId : space.conversationId;
}

function mergeReports(a: DeliveryReport, b: DeliveryReport): DeliveryReport {
  return { delivered: [...a.delivered, ...b.delivered], failed: [...a.failed, ...b.failed] };
}

/** Map `deliverResults[]` back to the requested spaces; a space DingTalk did not report counts as delivered. */
function reportOf(spaces: readonly CardSpace[], results: readonly CardDeliverResult[]): DeliveryReport {
  const report: DeliveryReport = { delivered: [], failed: [] };
  for (const space of spaces) {
    const type = space.kind === 'dm' ? 'IM_ROBOT' : 'IM_GROUP';
    const r = results.find((x) => x.spaceId === spaceKey(space) && (!x.spaceType || x.spaceType === type));
    if (r && !r.success) report.failed.push(spaceFailure(space, 'deliverFailed', r.errorMsg || 'delivery failed', false));
    else report.delivered.push(spaceKey(space));
  }
  return report;
}
