/**
 * A portable exclusive lock on one spool file (Node has no flock): the lock is a file `<spool>.lock` created with
 * `O_CREAT|O_EXCL` (`'wx'`) holding `{pid, host, token, heartbeatAt}`. The holder refreshes `heartbeatAt`; another
 * process may take the lock over when it is stale: its heartbeat is older than `staleMs`, or its pid is dead on this
 * host. Takeover renames the stale lock file away (atomic: of several contenders one rename succeeds), checks that
 * what it moved is the stale lock it judged (else it puts it back), then creates its own with `'wx'`.
 * A holder that finds another token in its lock file has lost it (`refresh` returns false).
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';

export interface LockOwner {
  pid: number;
  host: string;
}

interface LockContent extends LockOwner {
  token: string;
  heartbeatAt: number;
}

export interface SpoolLockOptions extends LockOwner {
  staleMs: number;
  now: () => number;
  /** Is this pid alive on this host (default: `process.kill(pid, 0)`). */
  isAlive?: (pid: number) => boolean;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockContent | null {
  try {
    const value = JSON.parse(fs.readFileSync(path, 'utf8')) as Partial<LockContent>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string' || typeof value.heartbeatAt !== 'number') return null;
    return value as LockContent;
  } catch {
    return null;
  }
}

export class SpoolLock {
  private token: string | null = null;
  private readonly isAlive: (pid: number) => boolean;

  constructor(
    readonly path: string,
    private readonly options: SpoolLockOptions,
  ) {
    this.isAlive = options.isAlive ?? pidAlive;
  }

  get held(): boolean {
    return this.token !== null;
  }

  /** Take the lock if it is free or stale; false when a live holder has it. Never throws for a busy lock. */
  acquire(): boolean {
    if (this.token && this.refresh()) return true;
    if (this.create()) return true;
    const current = readLock(this.path);
    if (current && !this.isStale(current)) return false;
    // Stale, or unreadable (a holder crashed mid-write; never for long: the holder writes it in one call).
    if (!current && fs.existsSync(this.path) && this.ageMs(this.path) < this.options.staleMs) return false;
    const moved = `${this.path}.stale-${this.options.pid}-${randomUUID().slice(0, 8)}`;
    try {
      fs.renameSync(this.path, moved);
    } catch {
      return false; // another process took it over first
    }
    const what = readLock(moved);
    if (current && what && what.token !== current.token && !this.isStale(what)) {
      // We moved a fresh lock someone created meanwhile: give it back.
      try {
        fs.linkSync(moved, this.path);
      } catch {
        /* a third process created one; the fresh holder sees it lost it */
      }
      fs.rmSync(moved, { force: true });
      return false;
    }
    fs.rmSync(moved, { force: true });
    return this.create();
  }

  /** Refresh the heartbeat; false (and not held any more) when another process has taken the lock over. */
  refresh(): boolean {
    if (!this.token) return false;
    const current = readLock(this.path);
    if (!current || current.token !== this.token) {
      this.token = null;
      return false;
    }
    fs.writeFileSync(this.path, JSON.stringify({ ...current, heartbeatAt: this.options.now() }));
    return true;
  }

  release(): void {
    if (!this.token) return;
    const current = readLock(this.path);
    if (current?.token === this.token) fs.rmSync(this.path, { force: true });
    this.token = null;
  }

  private create(): boolean {
    const token = randomUUID();
    const content: LockContent = { pid: this.options.pid, host: this.options.host, token, heartbeatAt: this.options.now() };
    let fd: number;
    try {
      fd = fs.openSync(this.path, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
    try {
      fs.writeSync(fd, JSON.stringify(content));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.token = token;
    return true;
  }

  private isStale(lock: LockContent): boolean {
    if (this.options.now() - lock.heartbeatAt > this.options.staleMs) return true;
    return lock.host === this.options.host && !this.isAlive(lock.pid);
  }

  private ageMs(path: string): number {
    try {
      return this.options.now() - fs.statSync(path).mtimeMs;
    } catch {
      return Infinity;
    }
  }
}
