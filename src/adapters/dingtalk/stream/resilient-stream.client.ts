import axios, { type AxiosInstance } from 'axios';
import { DWClient, type DWClientDownStream, type EventAckData } from 'dingtalk-stream';
import WebSocket, { type RawData } from 'ws';
import { backoffDelay, type BackoffOptions } from '../shared/backoff';
import { silentLog, type Log } from '../../../domain/ports/log.port';
import { errorMessage } from '../../logging/error-message';

/**
 * `dingtalk-stream@2.1.5`'s DWClient with its known defects fixed by subclassing (docs/stack.md, docs/dingtalk.md §1.6):
 * - the gateway URL is configurable (`getEndpoint()` override), so the same client reaches a local DingTalk;
 * - reconnects use exponential backoff with jitter (no 1 s storm); one connection attempt at a time;
 * - `disconnect()`/`stop()` cancels a scheduled reconnect and closes every socket;
 * - a non-JSON frame or a throwing listener is logged and skipped instead of killing delivery;
 * - keepAlive: a WebSocket ping every `keepAliveIntervalMs`, the socket is terminated when a pong is missing, and
 *   the connection counts as up only after a pong within `upWindowMs` (20 s) — `health()` feeds /healthz;
 * - a SYSTEM `disconnect` opens a new connection at once; the old socket drains (its ACKs still go out on it).
 * ACKs always go out on the socket that received the frame.
 */
export interface ResilientStreamClientOptions {
  clientId: string;
  clientSecret: string;
  /** DINGTALK_GATEWAY_URL; default DingTalk's `https://api.dingtalk.com/v1.0/gateway/connections/open`. */
  gatewayUrl?: string;
  ua?: string;
  keepAliveIntervalMs?: number;
  upWindowMs?: number;
  /** Reconnect backoff; default 1 s doubling, capped at 60 s, +50 % jitter. */
  backoff?: BackoffOptions;
  /** A connection that lived this long resets the backoff (default 10 s). */
  stableAfterMs?: number;
  /** After a SYSTEM disconnect, close the old socket this long after the new one is open (default 3 s). */
  drainMs?: number;
  /** Timeout of the gateway call and of the WebSocket handshake (default 10 s). */
  requestTimeoutMs?: number;
  logger?: Log;
  now?: () => number;
  random?: () => number;
  axiosInstance?: AxiosInstance;
}

export type StreamState = 'idle' | 'connecting' | 'open' | 'waiting' | 'stopped';

export interface StreamHealth {
  state: StreamState;
  /** Socket open and a pong received within the up window. */
  up: boolean;
  connectedAt: number | null;
  lastPongAt: number | null;
  consecutiveFailures: number;
  /** Gateway registration attempts so far. */
  registrationAttempts: number;
  /** Successful connections after the first. */
  reconnects: number;
  lastError: string | null;
}

export class StreamRegistrationError extends Error {
  override readonly name = 'StreamRegistrationError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const DEFAULT_GATEWAY_URL = 'https://api.dingtalk.com/v1.0/gateway/connections/open';
const MAX_INFLIGHT = 5000;

type BaseInternals = { socket?: WebSocket; dw_url?: string; userDisconnect: boolean };

function checkedBaseConfig(o: ResilientStreamClientOptions): ConstructorParameters<typeof DWClient>[0] {
  if (!o.clientId || !o.clientSecret) {
    throw new Error('DingTalk Stream: a client id and secret are required (DINGTALK_CLIENT_ID, DINGTALK_CLIENT_SECRET)');
  }
  // A fresh subscriptions array: 2.1.5 shares its default array between instances. Its own reconnect loop,
  // keepAlive and debug printing (which prints the secret) stay off: this class does all three.
  const config = {
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    ua: o.ua ?? '',
    keepAlive: false,
    debug: false,
    autoReconnect: false,
    subscriptions: [{ type: 'EVENT', topic: '*' }],
  };
  return config as ConstructorParameters<typeof DWClient>[0];
}

export class ResilientStreamClient extends DWClient {
  private readonly log: Log;
  private readonly gatewayUrl: string;
  private readonly keepAliveIntervalMs: number;
  private readonly upWindowMs: number;
  private readonly backoffOptions: BackoffOptions;
  private readonly stableAfterMs: number;
  private readonly drainMs: number;
  private readonly requestTimeoutMs: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly http: AxiosInstance;

  private current: WebSocket | null = null;
  private handshaking: WebSocket | null = null;
  private readonly draining = new Map<WebSocket, NodeJS.Timeout | null>();
  private readonly inflight = new Map<string, WebSocket>();
  private reconnectTimer: NodeJS.Timeout | null = null;
  private keepAliveTimer: NodeJS.Timeout | null = null;
  private gatewayAbort: AbortController | null = null;
  private eventListener: ((msg: DWClientDownStream) => EventAckData) | null = null;
  private asyncEventListener: ((msg: DWClientDownStream) => Promise<EventAckData>) | null = null;
  private started = false;
  private stopped = false;
  private connecting = false;
  private firstAttempt: Promise<void> | null = null;
  private everConnected = false;
  private failures = 0;
  private attempts = 0;
  private reconnectCount = 0;
  private connectedAt: number | null = null;
  private lastPongAt: number | null = null;
  private pingSentAt: number | null = null;
  private lastError: string | null = null;
  private wsUrl: string | null = null;

  constructor(options: ResilientStreamClientOptions) {
    super(checkedBaseConfig(options));
    this.log = options.logger ?? silentLog;
    this.gatewayUrl = options.gatewayUrl ?? DEFAULT_GATEWAY_URL;
    this.keepAliveIntervalMs = options.keepAliveIntervalMs ?? 8000;
    this.upWindowMs = options.upWindowMs ?? 20_000;
    this.backoffOptions = options.backoff ?? { initialMs: 1000, maxMs: 60_000, multiplier: 2, jitterRatio: 0.5 };
    this.stableAfterMs = options.stableAfterMs ?? 10_000;
    this.drainMs = options.drainMs ?? 3000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.http = options.axiosInstance ?? axios.create();
  }

  // ---- public surface -------------------------------------------------------------------------------------------

  /** Start connecting; resolves after the first attempt (success or not). Never rejects; retries in background. */
  override connect(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (!this.started) {
      this.started = true;
      this.keepAliveTimer = setInterval(() => this.keepAliveTick(), this.keepAliveIntervalMs);
      this.firstAttempt = this.attempt();
    }
    return this.firstAttempt ?? Promise.resolve();
  }

  /** Stop for good: cancel any scheduled reconnect, close every socket (waits up to 1 s, then terminates). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    (this as unknown as BaseInternals).userDisconnect = true;
    this.connected = false;
    this.registered = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.keepAliveTimer) clearInterval(this.keepAliveTimer);
    this.reconnectTimer = null;
    this.keepAliveTimer = null;
    this.gatewayAbort?.abort();
    const sockets = [this.current, this.handshaking, ...this.draining.keys()].filter((s): s is WebSocket => !!s);
    for (const timer of this.draining.values()) if (timer) clearTimeout(timer);
    this.draining.clear();
    this.current = null;
    this.handshaking = null;
    (this as unknown as BaseInternals).socket = undefined;
    await Promise.all(sockets.map((ws) => closeSocket(ws, 1000)));
    this.log.info('dingtalk.stream.stopped');
  }

  /** 2.1.5's disconnect() leaves a scheduled reconnect running; this one stops everything. */
  override disconnect(): void {
    void this.stop();
  }

  health(): StreamHealth {
    const open = !!this.current && this.current.readyState === WebSocket.OPEN;
    const state: StreamState = this.stopped
      ? 'stopped'
      : open
        ? 'open'
        : this.connecting
          ? 'connecting'
          : this.started
            ? 'waiting'
            : 'idle';
    return {
      state,
      up: open && this.lastPongAt !== null && this.now() - this.lastPongAt <= this.upWindowMs,
      connectedAt: open ? this.connectedAt : null,
      lastPongAt: this.lastPongAt,
      consecutiveFailures: this.failures,
      registrationAttempts: this.attempts,
      reconnects: this.reconnectCount,
      lastError: this.lastError,
    };
  }

  /** Send an ACK frame on the socket that received `messageId`. false when that socket is gone. */
  sendAck(messageId: string, value: unknown, code = 200, message = 'OK'): boolean {
    const ws = this.inflight.get(messageId) ?? this.current;
    this.inflight.delete(messageId);
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      this.log.warn('dingtalk.stream.ack_not_sent_socket_closed', { messageId });
      return false;
    }
    try {
      ws.send(JSON.stringify({ code, headers: { contentType: 'application/json', messageId }, message, data: JSON.stringify(value) }));
      return true;
    } catch (err) {
      this.log.warn('dingtalk.stream.ack_send_failed', { messageId, error: errorMessage(err) });
      return false;
    }
  }

  /** Base `send()` (used by `socketCallBackResponse`) routed through `sendAck`. */
  override send(messageId: string, value: unknown): void {
    if (!messageId) throw new Error('send: messageId must be defined');
    this.sendAck(messageId, value);
  }

  override registerAllEventListener(onEventReceived: (v: DWClientDownStream) => EventAckData): this {
    this.eventListener = onEventReceived;
    return super.registerAllEventListener(onEventReceived);
  }

  /**
   * 2.1.5 answers an EVENT itself as soon as its listener returns; this listener answers when its promise settles
   * instead (a rejection answers `LATER`: DingTalk pushes the event again), so an event is stored before it is
   * acknowledged (docs/dingtalk.md "Address-book events").
   */
  registerAsyncEventListener(onEvent: (v: DWClientDownStream) => Promise<EventAckData>): this {
    this.asyncEventListener = onEvent;
    return this;
  }

  private answerEventLater(frame: DWClientDownStream, listener: (v: DWClientDownStream) => Promise<EventAckData>): void {
    const messageId = frame.headers.messageId;
    listener(frame).then(
      (ack) => this.sendAck(messageId, ack),
      (err: unknown) => {
        this.log.error('dingtalk.stream.listener_threw', { topic: frame.headers.topic, messageId, error: errorMessage(err) });
        this.sendAck(messageId, { status: 'LATER', message: 'not stored' });
      },
    );
  }

  // ---- gateway ---------------------------------------------------------------------------------------------------

  /** Register with the (configurable) gateway and remember the WebSocket URL. Throws StreamRegistrationError. */
  override async getEndpoint(): Promise<this> {
    this.gatewayAbort = new AbortController();
    const res = await this.http.post(
      this.gatewayUrl,
      { clientId: this.config.clientId, clientSecret: this.config.clientSecret, ua: this.config.ua ?? '', subscriptions: this.config.subscriptions },
      {
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        timeout: this.requestTimeoutMs,
        validateStatus: () => true,
        responseType: 'json',
        signal: this.gatewayAbort.signal,
      },
    );
    const body = (res.data && typeof res.data === 'object' ? res.data : {}) as Record<string, unknown>;
    if (res.status < 200 || res.status >= 300) {
      throw new StreamRegistrationError(res.status, String(body.code ?? `HTTP_${res.status}`), String(body.message ?? 'gateway refused the registration'));
    }
    const { endpoint, ticket } = body;
    if (typeof endpoint !== 'string' || !endpoint || typeof ticket !== 'string' || !ticket) {
      throw new StreamRegistrationError(res.status, 'NO_ENDPOINT', 'gateway answer has no endpoint or ticket');
    }
    this.wsUrl = `${endpoint}${endpoint.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`;
    (this as unknown as BaseInternals).dw_url = this.wsUrl;
    return this;
  }

  /** Not used by this class (kept for the base-class contract): opens a socket to the registered URL. */
  override async _connect(): Promise<void> {
    if (!this.wsUrl) throw new Error('call getEndpoint() first');
    this.adopt(await this.openSocket(this.wsUrl));
  }

  // ---- connection loop -------------------------------------------------------------------------------------------

  private async attempt(): Promise<void> {
    this.reconnectTimer = null;
    if (this.stopped || this.connecting) return;
    this.connecting = true;
    this.attempts += 1;
    let failure: unknown = null;
    try {
      await this.getEndpoint();
      if (!this.stopped) {
        const ws = await this.openSocket(this.wsUrl!);
        if (this.stopped) ws.terminate();
        else this.adopt(ws);
      }
    } catch (err) {
      failure = err ?? new Error('unknown connection failure');
    } finally {
      this.connecting = false;
      this.gatewayAbort = null;
    }
    if (failure && !this.stopped) {
      this.failures += 1;
      this.lastError = errorMessage(failure);
      this.scheduleReconnect(false, failure);
    }
  }

  private scheduleReconnect(immediate: boolean, cause?: unknown): void {
    if (this.stopped || this.reconnectTimer || this.connecting) return;
    const delay = immediate ? 0 : backoffDelay(this.backoffOptions, Math.max(0, this.failures - 1), this.random);
    this.reconnecting = true;
    if (cause instanceof StreamRegistrationError && [400, 401, 403].includes(cause.status)) {
      this.log.error('dingtalk.stream.registration_rejected', {
        status: cause.status,
        code: cause.code,
        hint: 'check DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET (and DINGTALK_GATEWAY_URL)',
        attempt: this.attempts,
        retryInMs: delay,
      });
    } else if (cause) {
      this.log.warn('dingtalk.stream.connect_failed', { error: errorMessage(cause), attempt: this.attempts, retryInMs: delay });
    }
    this.reconnectTimer = setTimeout(() => void this.attempt(), delay);
  }

  private openSocket(url: string): Promise<WebSocket> {
    return new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url, { handshakeTimeout: this.requestTimeoutMs });
      this.handshaking = ws;
      let opened = false;
      ws.on('open', () => {
        opened = true;
        if (this.handshaking === ws) this.handshaking = null;
        resolve(ws);
      });
      ws.on('message', (data) => this.onSocketMessage(ws, data));
      ws.on('pong', () => this.onPong(ws));
      ws.on('error', (err) => {
        if (!opened) {
          if (this.handshaking === ws) this.handshaking = null;
          reject(err);
        } else {
          this.log.warn('dingtalk.stream.socket_error', { error: errorMessage(err) });
        }
      });
      ws.on('close', (code) => {
        if (!opened) {
          if (this.handshaking === ws) this.handshaking = null;
          reject(new Error(`socket closed before open (code ${code})`));
          return;
        }
        this.onSocketClosed(ws, code);
      });
    });
  }

  private adopt(ws: WebSocket): void {
    const previous = this.current;
    this.current = ws;
    (this as unknown as BaseInternals).socket = ws;
    this.connected = true;
    this.reconnecting = false;
    this.connectedAt = this.now();
    this.lastPongAt = null;
    this.pingSentAt = null;
    if (this.everConnected) this.reconnectCount += 1;
    this.everConnected = true;
    if (previous && previous !== ws) this.startDraining(previous);
    for (const old of [...this.draining.keys()]) this.scheduleDrainClose(old);
    this.log.info('dingtalk.stream.connected', { reconnects: this.reconnectCount });
    this.sendPing(ws);
  }

  private onSocketClosed(ws: WebSocket, code: number): void {
    for (const [id, s] of this.inflight) if (s === ws) this.inflight.delete(id);
    if (this.draining.has(ws)) {
      const timer = this.draining.get(ws);
      if (timer) clearTimeout(timer);
      this.draining.delete(ws);
      this.log.debug('dingtalk.stream.drained_socket_closed', { code });
      return;
    }
    if (ws !== this.current) return;
    this.current = null;
    (this as unknown as BaseInternals).socket = undefined;
    this.connected = false;
    this.registered = false;
    if (this.stopped) return;
    const lived = this.connectedAt === null ? 0 : this.now() - this.connectedAt;
    if (lived >= this.stableAfterMs) this.failures = 0;
    this.failures += 1;
    this.lastError = `connection closed (code ${code})`;
    this.log.warn('dingtalk.stream.connection_lost', { code, livedMs: lived });
    this.scheduleReconnect(false);
  }

  /** SYSTEM disconnect: the server stops delivering on this socket and closes it ~10 s later. */
  private onServerDisconnect(ws: WebSocket, reason: string): void {
    this.log.info('dingtalk.stream.server_disconnect', { reason });
    if (ws !== this.current) return;
    this.current = null;
    this.connected = false;
    this.registered = false;
    this.startDraining(ws);
    // A long-lived connection is replaced at once; one told to go away soon after opening backs off (no storm).
    const lived = this.connectedAt === null ? 0 : this.now() - this.connectedAt;
    if (lived >= this.stableAfterMs) {
      this.failures = 0;
      this.scheduleReconnect(true);
    } else {
      this.failures += 1;
      this.scheduleReconnect(false);
    }
  }

  private startDraining(ws: WebSocket): void {
    if (this.draining.has(ws)) return;
    // Safety net: close it anyway if no new connection adopts the drain within a while.
    this.draining.set(ws, setTimeout(() => void closeSocket(ws, 1000), Math.max(this.drainMs, 15_000)));
  }

  private scheduleDrainClose(ws: WebSocket): void {
    const timer = this.draining.get(ws);
    if (timer) clearTimeout(timer);
    this.draining.set(ws, setTimeout(() => void closeSocket(ws, 1000), this.drainMs));
  }

  // ---- keepalive ------------------------------------------------------------------------------------------------

  private keepAliveTick(): void {
    const ws = this.current;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    if (this.pingSentAt !== null && this.now() - this.pingSentAt >= this.keepAliveIntervalMs) {
      this.log.warn('dingtalk.stream.keepalive_timeout', { sinceMs: this.now() - this.pingSentAt });
      ws.terminate();
      return;
    }
    if (this.pingSentAt === null) this.sendPing(ws);
  }

  private sendPing(ws: WebSocket): void {
    try {
      this.pingSentAt = this.now();
      ws.ping();
    } catch (err) {
      this.log.debug('dingtalk.stream.ping_failed', { error: errorMessage(err) });
    }
  }

  private onPong(ws: WebSocket): void {
    if (ws !== this.current) return;
    this.lastPongAt = this.now();
    this.pingSentAt = null;
    if (this.connectedAt !== null && this.lastPongAt - this.connectedAt >= this.stableAfterMs) this.failures = 0;
  }

  // ---- frames ----------------------------------------------------------------------------------------------------

  /** The base class parses frames unguarded; route any direct call through the guarded path. */
  override onDownStream(data: string): void {
    if (this.current) this.onSocketMessage(this.current, Buffer.from(String(data)));
  }

  private onSocketMessage(ws: WebSocket, data: RawData): void {
    const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
    let frame: DWClientDownStream;
    try {
      frame = JSON.parse(text) as DWClientDownStream;
    } catch {
      this.log.warn('dingtalk.stream.frame_not_json', { bytes: text.length });
      return;
    }
    if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string' || !frame.headers || typeof frame.headers !== 'object') {
      this.log.warn('dingtalk.stream.frame_malformed');
      return;
    }
    const messageId = frame.headers.messageId;
    if (frame.type !== 'SYSTEM' && typeof messageId === 'string' && messageId) this.rememberInflight(messageId, ws);
    try {
      switch (frame.type) {
        case 'SYSTEM':
          this.onSystemFrame(ws, frame);
          break;
        case 'EVENT':
          if (this.asyncEventListener) this.answerEventLater(frame, this.asyncEventListener);
          else this.sendAck(messageId, this.eventListener ? this.eventListener(frame) : { status: 'SUCCESS' });
          break;
        case 'CALLBACK':
          this.onCallback(frame);
          break;
        default:
          this.log.debug('dingtalk.stream.frame_type_ignored', { type: frame.type });
      }
    } catch (err) {
      this.log.error('dingtalk.stream.listener_threw', { topic: frame.headers.topic, messageId, error: errorMessage(err) });
    }
  }

  private onSystemFrame(ws: WebSocket, frame: DWClientDownStream): void {
    switch (frame.headers.topic) {
      case 'ping':
        ws.send(JSON.stringify({ code: 200, headers: frame.headers, message: 'OK', data: frame.data }));
        break;
      case 'disconnect': {
        let reason = '';
        try {
          reason = String((JSON.parse(frame.data) as { reason?: unknown }).reason ?? '');
        } catch {
          reason = '';
        }
        this.onServerDisconnect(ws, reason);
        break;
      }
      case 'REGISTERED':
        if (ws === this.current) this.registered = true;
        break;
      default:
        this.log.debug('dingtalk.stream.system_topic', { topic: frame.headers.topic });
    }
  }

  private rememberInflight(messageId: string, ws: WebSocket): void {
    if (this.inflight.size >= MAX_INFLIGHT) {
      const oldest = this.inflight.keys().next().value;
      if (oldest !== undefined) this.inflight.delete(oldest);
    }
    this.inflight.set(messageId, ws);
  }
}

function closeSocket(ws: WebSocket, waitMs: number): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, waitMs);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close(1000);
    } catch {
      ws.terminate();
    }
  });
}
