import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import type { EmulatorState } from './emulator-state';
import type { AckRecord, ConnectionInfo, FrameRecord, StreamFrame } from './emulator.types';

interface Connection {
  info: ConnectionInfo;
  ws: WebSocket;
  closeTimer: NodeJS.Timeout | null;
}

/**
 * The Stream side of the emulator: WebSocket upgrades at `/connect?ticket=` (single-use tickets), pushing valid
 * JSON frames only to connections subscribed to the topic — each frame to one of them, in turn (several processes
 * of one app share the pushes: DingTalk sends each push to one connection of the app), collecting ACKs by messageId,
 * SYSTEM ping/disconnect, and holding frames while no client is connected (configurable).
 */
export class StreamHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly conns = new Map<string, Connection>();
  readonly frames = new Map<string, FrameRecord>();
  private held: string[] = [];
  private readonly pongs = new Map<string, number>();
  private pingTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private turn = 0;

  constructor(
    private readonly state: EmulatorState,
    private readonly onAck: (frame: FrameRecord, ack: AckRecord) => void,
  ) {
    const interval = state.options.systemPingIntervalMs;
    if (interval > 0) this.pingTimer = setInterval(() => this.sendSystemPing(), interval);
  }

  /** Handle an HTTP upgrade; false when the path is not ours (another listener may take it). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname !== '/connect') return false;
    const ticketId = url.searchParams.get('ticket') ?? '';
    const ticket = this.state.tickets.get(ticketId);
    if (this.closed || !ticket || ticket.used || ticket.expiresAt < this.state.now()) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"code":"InvalidTicket","message":"unknown, used or expired ticket"}');
      socket.destroy();
      return true;
    }
    ticket.used = true;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, ticket.clientId, ticket.subscriptions));
    return true;
  }

  private onConnection(ws: WebSocket, clientId: string, subscriptions: Array<{ type: string; topic: string }>): void {
    const info: ConnectionInfo = { id: randomUUID(), clientId, openedAt: this.state.now(), closedAt: null, goingAway: false, subscriptions };
    const conn: Connection = { info, ws, closeTimer: null };
    this.conns.set(info.id, conn);
    ws.on('message', (data) => this.onClientFrame(conn, data.toString()));
    ws.on('close', () => {
      info.closedAt = this.state.now();
      if (conn.closeTimer) clearTimeout(conn.closeTimer);
      this.state.bump();
    });
    ws.on('error', () => undefined);
    this.state.bump();
    this.flushHeld();
  }

  private onClientFrame(conn: Connection, text: string): void {
    let msg: { code?: unknown; headers?: Record<string, unknown>; message?: unknown; data?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      this.state.options.logger.warn('dingtalk.emulator.client_frame_not_json');
      return;
    }
    const messageId = typeof msg.headers?.messageId === 'string' ? msg.headers.messageId : undefined;
    if (!messageId) return;
    if (msg.headers?.topic === 'ping') {
      this.pongs.set(messageId, this.state.now());
      return;
    }
    const record = this.frames.get(messageId);
    if (!record) return;
    let data: unknown = msg.data;
    if (typeof msg.data === 'string') {
      try {
        data = JSON.parse(msg.data) as unknown;
      } catch {
        data = msg.data;
      }
    }
    const ack: AckRecord = {
      at: this.state.now(),
      connectionId: conn.info.id,
      code: typeof msg.code === 'number' ? msg.code : Number(msg.code),
      message: typeof msg.message === 'string' ? msg.message : '',
      data,
    };
    record.acks.push(ack);
    this.state.bump();
    this.onAck(record, ack);
  }

  private live(): Connection[] {
    return [...this.conns.values()].filter((c) => c.ws.readyState === WebSocket.OPEN && !c.info.goingAway);
  }

  private subscribed(conn: Connection, frame: StreamFrame): boolean {
    if (frame.type === 'SYSTEM') return true;
    return conn.info.subscriptions.some(
      (s) => (frame.type === 'CALLBACK' && s.type === 'CALLBACK' && s.topic === frame.headers.topic) || (frame.type === 'EVENT' && s.type === 'EVENT'),
    );
  }

  /** Create a frame and push it (or hold it while offline). A string `data` is sent as is (already serialised). */
  push(type: 'CALLBACK' | 'EVENT', topic: string, data: unknown, extraHeaders: Record<string, string> = {}): FrameRecord {
    const messageId = `${randomUUID().slice(0, 8)}_${this.state.now().toString(16)}_${this.state.nextSeq()}`;
    const frame: StreamFrame = {
      specVersion: '1.0',
      type,
      headers: { appId: this.state.options.clientId, connectionId: '', contentType: 'application/json', messageId, time: String(this.state.now()), topic, ...extraHeaders },
      data: typeof data === 'string' ? data : JSON.stringify(data),
    };
    const record: FrameRecord = { messageId, topic, type, frame, pushedTo: [], acks: [], createdAt: this.state.now() };
    this.frames.set(messageId, record);
    this.trimFrames();
    if (!this.deliver(record) && this.state.options.holdFramesWhileOffline) this.held.push(messageId);
    return record;
  }

  /** Push the same frame (same messageId and data) again, as DingTalk does on a re-push. */
  redeliver(messageId: string): boolean {
    const record = this.frames.get(messageId);
    return record ? this.deliver(record) : false;
  }

  private deliver(record: FrameRecord): boolean {
    const targets = this.live()
      .filter((c) => this.subscribed(c, record.frame))
      .sort((a, b) => a.info.openedAt - b.info.openedAt);
    const conn = targets[this.turn++ % Math.max(targets.length, 1)];
    if (!conn) return false;
    const frame = { ...record.frame, headers: { ...record.frame.headers, connectionId: conn.info.id } };
    conn.ws.send(JSON.stringify(frame));
    record.pushedTo.push(conn.info.id);
    this.state.bump();
    return true;
  }

  private flushHeld(): void {
    const waiting = this.held;
    this.held = [];
    for (const id of waiting) {
      const record = this.frames.get(id);
      if (record && !this.deliver(record)) this.held.push(id);
    }
  }

  private trimFrames(): void {
    const max = this.state.options.maxHistory * 10;
    while (this.frames.size > max) {
      const oldest = this.frames.keys().next().value;
      if (oldest === undefined) break;
      this.frames.delete(oldest);
    }
  }

  /** SYSTEM disconnect to every live connection; each socket is closed `closeAfterMs` later. */
  sendDisconnect(reason: string, closeAfterMs: number): number {
    const targets = this.live();
    for (const conn of targets) {
      conn.info.goingAway = true;
      this.sendSystem(conn, 'disconnect', { reason });
      conn.closeTimer = setTimeout(() => conn.ws.close(1000, 'disconnect'), closeAfterMs);
    }
    this.state.bump();
    return targets.length;
  }

  /** SYSTEM ping to every live connection; returns the opaque ids (their echo is recorded in `pongs`). */
  sendSystemPing(): string[] {
    return this.live().map((conn) => {
      const opaque = randomUUID();
      this.sendSystem(conn, 'ping', { opaque }, opaque);
      return opaque;
    });
  }

  pongReceived(opaque: string): boolean {
    return this.pongs.has(opaque);
  }

  private sendSystem(conn: Connection, topic: string, data: unknown, messageId: string = randomUUID()): void {
    const frame: StreamFrame = {
      specVersion: '1.0',
      type: 'SYSTEM',
      headers: { contentType: 'application/json', messageId, time: String(this.state.now()), topic },
      data: JSON.stringify(data),
    };
    conn.ws.send(JSON.stringify(frame));
  }

  /** Test hook: send raw text (e.g. a non-JSON frame) to every live connection. DingTalk never does this. */
  sendRaw(text: string): number {
    const targets = this.live();
    for (const conn of targets) conn.ws.send(text);
    return targets.length;
  }

  /** Abrupt drop of every connection (no SYSTEM frame): a crashed gateway or a network cut. */
  dropAll(): number {
    const open = [...this.conns.values()].filter((c) => c.ws.readyState === WebSocket.OPEN);
    for (const c of open) c.ws.terminate();
    return open.length;
  }

  connections(): ConnectionInfo[] {
    return [...this.conns.values()].map((c) => ({ ...c.info, subscriptions: [...c.info.subscriptions] }));
  }

  liveConnectionCount(): number {
    return this.live().length;
  }

  heldCount(): number {
    return this.held.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const c of this.conns.values()) {
      if (c.closeTimer) clearTimeout(c.closeTimer);
      c.ws.terminate();
    }
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
