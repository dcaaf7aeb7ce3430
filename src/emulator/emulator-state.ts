import { createHash, randomUUID } from 'node:crypto';
import type {
  ApiCallRecord,
  CardRecord,
  EmulatorGroup,
  EmulatorPerson,
  RegistrationRecord,
  ResolvedEmulatorOptions,
  TimelineEntry,
} from './emulator.types';
import { EmulatorAuthCodes } from './emulator-auth-codes';

/** Deterministic ids that look like DingTalk's (for readable tests and a stable demo). */
export function dmConversationId(userId: string): string {
  return 'cidDM' + createHash('sha256').update(userId).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 20) + '==';
}
export function groupConversationIdOf(title: string): string {
  return 'cidGRP' + createHash('sha256').update(title).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 20) + '==';
}
export function encryptedIdOf(userId: string): string {
  return '$:LWCP_v1:$' + Buffer.from(userId).toString('base64');
}

/** Append, keeping about the last `max` items: the oldest are dropped in chunks (a shift per item is O(n)). */
function push<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max + Math.max(1, Math.floor(max / 10))) list.splice(0, list.length - max);
}

/**
 * Everything the emulator remembers, in memory: directory, conversations, cards, tokens, tickets, sessions and
 * the call log. `version` increases on every visible change (the page polls it).
 */
export class EmulatorState {
  version = 0;
  private seq = 0;
  readonly people = new Map<string, EmulatorPerson>();
  /** DM conversation id → user id (a lookup per reply must not hash everyone). */
  private readonly dmIndex = new Map<string, string>();
  readonly groups = new Map<string, EmulatorGroup>();
  readonly timelines = new Map<string, TimelineEntry[]>();
  readonly cards = new Map<string, CardRecord>();
  readonly calls: ApiCallRecord[] = [];
  readonly callCounts = new Map<string, number>();
  /** Calls answered with a QPS-limit error (the enforced limit or a switched-on throttle fault), per API. */
  readonly throttledCounts = new Map<string, number>();
  readonly registrations: RegistrationRecord[] = [];
  readonly tokens = new Map<string, number>();
  readonly tickets = new Map<string, { expiresAt: number; used: boolean; clientId: string; subscriptions: Array<{ type: string; topic: string }> }>();
  readonly sessions = new Map<string, { conversationId: string; senderUserId: string; expiresAt: number }>();
  readonly processQueryKeys: string[] = [];
  /** HTTP-mode card callback routes (recorded only; the emulator delivers clicks over Stream). */
  readonly cardCallbackRoutes = new Map<string, string>();
  /** 免登 auth codes issued for the workbench page (emulator-auth-codes.ts). */
  readonly authCodes = new EmulatorAuthCodes();

  /** Groups created without a member list: everyone, people added later included. */
  private readonly everyoneGroups = new Set<string>();

  constructor(readonly options: ResolvedEmulatorOptions) {
    const groups = options.groups.length > 0 ? options.groups : [{ title: 'Demo group' }];
    for (const g of groups) {
      const conversationId = g.conversationId ?? groupConversationIdOf(g.title);
      this.groups.set(conversationId, { conversationId, title: g.title, memberUserIds: [...(g.memberUserIds ?? [])] });
      if (!g.memberUserIds) this.everyoneGroups.add(conversationId);
    }
    this.addPeople(options.people);
    this.version = 0;
  }

  /** Add people (or update them, by DingTalk user id); they join the groups that have everyone. */
  addPeople(people: EmulatorPerson[]): void {
    for (const p of people) {
      if (!p.dingtalkUserId) continue;
      const known = this.people.has(p.dingtalkUserId);
      this.people.set(p.dingtalkUserId, p);
      if (known) continue;
      this.dmIndex.set(dmConversationId(p.dingtalkUserId), p.dingtalkUserId);
      for (const id of this.everyoneGroups) this.groups.get(id)?.memberUserIds.push(p.dingtalkUserId);
    }
    this.bump();
  }

  now(): number {
    return this.options.now();
  }

  bump(): void {
    this.version += 1;
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  recordCall(api: string, status: number, code?: string): void {
    push(this.calls, { at: this.now(), api, status, ...(code ? { code } : {}) }, this.options.maxHistory * 10);
    this.callCounts.set(api, (this.callCounts.get(api) ?? 0) + 1);
  }

  recordThrottled(api: string): void {
    this.throttledCounts.set(api, (this.throttledCounts.get(api) ?? 0) + 1);
  }

  /** Person by DingTalk user id. */
  person(userId: string): EmulatorPerson | undefined {
    return this.people.get(userId);
  }

  /** Which conversation a conversationId is: a group, or the DM of a known user. */
  conversation(conversationId: string): { kind: 'group'; group: EmulatorGroup } | { kind: 'dm'; userId: string } | undefined {
    const group = this.groups.get(conversationId);
    if (group) return { kind: 'group', group };
    const userId = this.dmIndex.get(conversationId);
    return userId !== undefined ? { kind: 'dm', userId } : undefined;
  }

  addEntry(entry: Omit<TimelineEntry, 'id' | 'seq' | 'at'>): TimelineEntry {
    const full: TimelineEntry = { ...entry, id: randomUUID(), seq: this.nextSeq(), at: this.now() };
    const list = this.timelines.get(entry.conversationId) ?? [];
    push(list, full, this.options.maxHistory);
    this.timelines.set(entry.conversationId, list);
    this.bump();
    return full;
  }

  timeline(conversationId: string): TimelineEntry[] {
    return this.timelines.get(conversationId) ?? [];
  }

  /** Card view for one viewer: public data, with private values (non-empty) of private keys on top. */
  resolveCard(card: CardRecord, viewerUserId: string | null): Record<string, string> {
    const out = { ...card.publicData };
    const priv = viewerUserId ? card.privateData[viewerUserId] : undefined;
    if (priv) {
      for (const key of this.options.privateCardKeys) {
        const v = priv[key];
        if (typeof v === 'string' && v !== '') out[key] = v;
      }
    }
    return out;
  }

  issueToken(): { token: string; expiresIn: number } {
    const now = this.now();
    const ttl = this.options.tokenTtlSeconds;
    for (const [token, expiresAt] of this.tokens) {
      if (expiresAt > now) {
        this.tokens.set(token, now + ttl * 1000); // DingTalk: same token, validity extended
        return { token, expiresIn: ttl };
      }
    }
    const token = 'emu-' + randomUUID().replace(/-/g, '');
    this.tokens.set(token, now + ttl * 1000);
    return { token, expiresIn: ttl };
  }

  tokenValid(token: string | undefined): boolean {
    if (!token) return false;
    const expiresAt = this.tokens.get(token);
    return expiresAt !== undefined && expiresAt > this.now();
  }

  expireTokens(): void {
    this.tokens.clear();
  }

  newSession(conversationId: string, senderUserId: string): string {
    const id = randomUUID().replace(/-/g, '');
    this.sessions.set(id, { conversationId, senderUserId, expiresAt: this.now() + this.options.sessionWebhookTtlMs });
    return id;
  }
}
