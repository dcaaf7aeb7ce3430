/**
 * The local spool in front of the inbox (docs/interfaces.md "Operations": Spool). When the inbox cannot be written, a
 * frame is appended to this process's spool file and fsynced before the ACK; the drainer moves spooled frames into
 * the inbox once the database answers. One file per process under `dir`, named `<host>-<pid>.spool` (a suffix
 * `-<n>` if that name is held by someone else); JSON lines `{kind, id, payload, receivedAt}`. Any process drains any
 * spool file it can lock (`SpoolLock`), so a dead process's spool is drained by the living.
 *
 * Appends and the final truncation are synchronous, so within one process an append never interleaves with the
 * drainer's "everything read is in the inbox, delete the file" step.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InboxKind } from '../../domain/ports/inbox.port';
import { SpoolLock, type LockOwner } from './spool-lock';

export interface SpooledFrame {
  id: string;
  kind: InboxKind;
  /** The parsed, normalised payload as JSON text (what the inbox stores). */
  payload: string;
  receivedAt: Date;
}

export interface SpoolStats {
  files: number;
  frames: number;
  /** Age of the oldest waiting frame, or null when none waits. */
  oldestAgeSeconds: number | null;
}

export interface FileSpoolOptions {
  dir: string;
  /** Defaults: this host and process (tests simulate others). */
  owner?: Partial<LockOwner>;
  /** A lock whose heartbeat is older than this is stale (default 30 s); held locks are refreshed by `heartbeat()`. */
  staleMs?: number;
  now?: () => number;
  isAlive?: (pid: number) => boolean;
}

export type DrainOutcome = { drained: number; complete: boolean };

const SUFFIX = '.spool';

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Complete lines of a spool file, in order; a partial last line (crash mid-append) and unreadable lines skipped. */
export function readSpoolFile(file: string): { frames: SpooledFrame[]; bytes: number; skipped: number } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { frames: [], bytes: 0, skipped: 0 };
    throw e;
  }
  const end = text.lastIndexOf('\n') + 1; // bytes after the last newline: an append that never finished
  const frames: SpooledFrame[] = [];
  let skipped = end < text.length ? 1 : 0;
  for (const line of text.slice(0, end).split('\n')) {
    if (!line) continue;
    try {
      const v = JSON.parse(line) as { id?: unknown; kind?: unknown; payload?: unknown; receivedAt?: unknown };
      if (typeof v.id !== 'string' || (v.kind !== 'message' && v.kind !== 'card') || typeof v.payload !== 'string') throw new Error('bad line');
      const receivedAt = new Date(typeof v.receivedAt === 'string' || typeof v.receivedAt === 'number' ? v.receivedAt : NaN);
      frames.push({ id: v.id, kind: v.kind, payload: v.payload, receivedAt: Number.isNaN(receivedAt.getTime()) ? new Date(0) : receivedAt });
    } catch {
      skipped += 1;
    }
  }
  return { frames, bytes: Buffer.byteLength(text.slice(0, end)), skipped };
}

export class FileSpool {
  readonly dir: string;
  private readonly owner: LockOwner;
  private readonly staleMs: number;
  private readonly now: () => number;
  private readonly isAlive?: (pid: number) => boolean;
  private generation = 0;
  private own: { file: string; lock: SpoolLock } | null = null;
  /** Locks this process holds on other files while draining them. */
  private readonly draining = new Map<string, SpoolLock>();

  constructor(options: FileSpoolOptions) {
    this.dir = options.dir;
    this.owner = { pid: options.owner?.pid ?? process.pid, host: options.owner?.host ?? os.hostname() };
    this.staleMs = options.staleMs ?? 30_000;
    this.now = options.now ?? (() => Date.now());
    this.isAlive = options.isAlive;
  }

  /** This process's spool file (it may not exist). */
  get ownFile(): string {
    return this.own?.file ?? this.fileFor(0);
  }

  /** Append one frame durably (written and fsynced when this returns). Throws when the disk refuses. */
  append(frame: SpooledFrame): void {
    const own = this.ownLocked();
    const line = `${JSON.stringify({ kind: frame.kind, id: frame.id, payload: frame.payload, receivedAt: frame.receivedAt.toISOString() })}\n`;
    const fd = fs.openSync(own.file, 'a+');
    try {
      // After a failed (partial) append, start on a new line: the torn line is skipped, this one is kept.
      const size = fs.fstatSync(fd).size;
      const last = Buffer.alloc(1);
      const torn = size > 0 && fs.readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
      fs.writeSync(fd, torn ? `\n${line}` : line);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Frames wait in this process's own file (new frames then go to the spool too, to keep their order). */
  hasOwnFrames(): boolean {
    if (!this.own) return false;
    try {
      return fs.statSync(this.own.file).size > 0;
    } catch {
      return false;
    }
  }

  /** Spool files in the directory, this process's first. */
  files(): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir).filter((n) => n.endsWith(SUFFIX));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const all = names.sort().map((n) => path.join(this.dir, n));
    const own = this.own?.file;
    return own && all.includes(own) ? [own, ...all.filter((f) => f !== own)] : all;
  }

  /**
   * Drain one spool file if this process can lock it: `put` each frame in order (it throws when the inbox is still
   * unavailable: the drain stops there and the file is kept), then delete the file once every line is in the inbox.
   * Returns null when the file is locked by a live process.
   */
  async drain(file: string, put: (frame: SpooledFrame) => Promise<void>): Promise<DrainOutcome | null> {
    const isOwn = this.own?.file === file;
    const lock = isOwn ? this.own!.lock : this.lockFor(file);
    if (!isOwn) {
      if (!lock.acquire()) return null;
      this.draining.set(file, lock);
    }
    let drained = 0;
    try {
      let offset = 0;
      for (;;) {
        const { frames, bytes } = readSpoolFile(file);
        const fresh = frames.slice(offset);
        for (const frame of fresh) {
          if (!lock.held) return { drained, complete: false }; // taken over (we were thought dead): leave it
          await put(frame);
          drained += 1;
          offset += 1;
        }
        // Synchronous from here: no append of this process can come between the check and the delete.
        let size = 0;
        try {
          size = fs.statSync(file).size;
        } catch {
          size = 0;
        }
        if (size > bytes && readSpoolFile(file).frames.length > offset) continue; // appended meanwhile
        fs.rmSync(file, { force: true });
        if (isOwn) {
          this.own!.lock.release();
          this.own = null;
        }
        return { drained, complete: true };
      }
    } finally {
      if (!isOwn) {
        lock.release();
        this.draining.delete(file);
      }
    }
  }

  /** Refresh the heartbeats of the locks this process holds (the drainer calls it every tick). */
  heartbeat(): void {
    if (this.own && !this.own.lock.refresh()) this.own = null; // taken over: the next append opens a new file
    for (const lock of this.draining.values()) lock.refresh();
  }

  /** Frames waiting in every spool file of the directory, and the oldest one's age. */
  stats(): SpoolStats {
    let frames = 0;
    let oldest: number | null = null;
    const files = this.files();
    for (const file of files) {
      const read = readSpoolFile(file).frames;
      frames += read.length;
      for (const f of read) oldest = oldest === null ? f.receivedAt.getTime() : Math.min(oldest, f.receivedAt.getTime());
    }
    return { files: files.length, frames, oldestAgeSeconds: oldest === null ? null : Math.max(0, (this.now() - oldest) / 1000) };
  }

  /** Can a frame be spooled now (the directory exists or can be made, and is writable)? */
  writable(): boolean {
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.accessSync(this.dir, fs.constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }

  /** Give up the own lock (shutdown); the file, if any, stays for whoever drains it next. */
  close(): void {
    this.own?.lock.release();
    this.own = null;
  }

  private ownLocked(): { file: string; lock: SpoolLock } {
    if (this.own?.lock.held) return this.own;
    fs.mkdirSync(this.dir, { recursive: true });
    for (let attempt = 0; attempt < 100; attempt++) {
      const file = this.fileFor(this.generation);
      const lock = this.lockFor(file);
      if (lock.acquire()) {
        this.own = { file, lock };
        return this.own;
      }
      this.generation += 1; // someone else holds this name (a drainer that thought us dead): use another
    }
    throw new Error(`no spool file can be locked in ${this.dir}`);
  }

  private fileFor(generation: number): string {
    const base = `${safeName(this.owner.host)}-${this.owner.pid}${generation ? `-${generation}` : ''}`;
    return path.join(this.dir, `${base}${SUFFIX}`);
  }

  private lockFor(file: string): SpoolLock {
    return new SpoolLock(`${file}.lock`, { ...this.owner, staleMs: this.staleMs, now: this.now, isAlive: this.isAlive });
  }
}
