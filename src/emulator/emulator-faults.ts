/**
 * Switchable faults of the emulator's OpenAPI and Stream side. Each rule fires `times` times then disappears.
 * `api` is a DINGTALK_API name (`robot.oToMessages.batchSend`…); omitted = every API except the token endpoints.
 */
export interface ApiFaultRule {
  kind: 'throttle' | 'server';
  apis: string[] | null;
  remaining: number;
  status: number;
  /** 'app' = QpsLimitForAppkeyAndApi / 90018; 'global' = QpsLimitForApi / 90002. */
  scope: 'app' | 'global';
}

export interface StreamFaultHooks {
  expireTokens(): void;
  disconnect(reason: string, closeAfterMs?: number): number;
  dropConnections(): number;
}

const TOKEN_APIS = new Set(['oauth2.accessToken', 'gettoken', 'gateway.connections.open']);

function apisOf(api: string | string[] | undefined): string[] | null {
  if (api === undefined) return null;
  return Array.isArray(api) ? api : [api];
}

export class EmulatorFaults {
  private rules: ApiFaultRule[] = [];
  private flow: Array<{ userIds: string[] | null; remaining: number }> = [];
  /** Per API: when the calls served in the last 1,000 ms came (throttled calls are not served and not counted). */
  private readonly windows = new Map<string, number[]>();
  private qpsLimit: number;

  constructor(
    private readonly hooks: StreamFaultHooks,
    qpsLimit: number,
    private readonly now: () => number,
  ) {
    this.qpsLimit = qpsLimit;
  }

  /**
   * DingTalk's per-app, per-API QPS limit: at most `limit` calls of one API are served in any sliding 1,000 ms;
   * the others answer a QPS-limit error (token and gateway endpoints exempt). 0 = off.
   */
  setQpsLimit(limit: number): void {
    if (!Number.isInteger(limit) || limit < 0) throw new Error('emulator: the QPS limit is a whole number ≥ 0');
    this.qpsLimit = limit;
    this.windows.clear();
  }

  qpsLimitPerApi(): number {
    return this.qpsLimit;
  }

  /** The next `times` calls answer a QPS-limit error (new API: 403 + QpsLimit code; legacy: errcode 88/90018). */
  throttle(options: { api?: string | string[]; times?: number; scope?: 'app' | 'global' } = {}): void {
    this.rules.push({ kind: 'throttle', apis: apisOf(options.api), remaining: options.times ?? 1, status: 403, scope: options.scope ?? 'app' });
  }

  /** The next `times` calls answer a 5xx. */
  serverError(options: { api?: string | string[]; times?: number; status?: number } = {}): void {
    this.rules.push({ kind: 'server', apis: apisOf(options.api), remaining: options.times ?? 1, status: options.status ?? 503, scope: 'app' });
  }

  /** The next `times` batchSend calls report these users (default: every recipient) in flowControlledStaffIdList. */
  flowControl(options: { userIds?: string[]; times?: number } = {}): void {
    this.flow.push({ userIds: options.userIds ?? null, remaining: options.times ?? 1 });
  }

  /** Every issued access token becomes invalid (callers get InvalidAuthentication / errcode 88+40014). */
  expireTokens(): void {
    this.hooks.expireTokens();
  }

  /** SYSTEM disconnect to every connected client; sockets close `closeAfterMs` later (default from options). */
  disconnect(reason = 'persistent connection is timeout', closeAfterMs?: number): number {
    return this.hooks.disconnect(reason, closeAfterMs);
  }

  /** Terminate every connection without warning. */
  dropConnections(): number {
    return this.hooks.dropConnections();
  }

  clear(): void {
    this.rules = [];
    this.flow = [];
  }

  /** The fault (if any) this call to `api` must answer; consumes one use. */
  take(api: string): ApiFaultRule | undefined {
    if (this.overQps(api)) return { kind: 'throttle', apis: [api], remaining: 0, status: 403, scope: 'app' };
    const rule = this.rules.find((r) => r.remaining > 0 && (r.apis ? r.apis.includes(api) : !TOKEN_APIS.has(api)));
    if (!rule) return undefined;
    rule.remaining -= 1;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return rule;
  }

  /** Users of this batchSend call to report as flow-controlled. */
  takeFlowControlled(userIds: string[]): string[] {
    const rule = this.flow.find((r) => r.remaining > 0 && (r.userIds === null || r.userIds.some((u) => userIds.includes(u))));
    if (!rule) return [];
    rule.remaining -= 1;
    this.flow = this.flow.filter((r) => r.remaining > 0);
    return rule.userIds === null ? [...userIds] : userIds.filter((u) => rule.userIds!.includes(u));
  }

  private overQps(api: string): boolean {
    if (this.qpsLimit <= 0 || TOKEN_APIS.has(api)) return false;
    const now = this.now();
    const window = (this.windows.get(api) ?? []).filter((t) => now - t < 1000);
    this.windows.set(api, window);
    if (window.length >= this.qpsLimit) return true;
    window.push(now);
    return false;
  }
}
