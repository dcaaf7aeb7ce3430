import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileSpool, readSpoolFile, type SpooledFrame } from '../../../../src/adapters/spool/file-spool';
import { SpoolLock } from '../../../../src/adapters/spool/spool-lock';

const frame = (id: string, at = '2026-12-01T00:00:00Z'): SpooledFrame => ({ id, kind: 'message', payload: JSON.stringify({ msgId: id }), receivedAt: new Date(at) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A pid no process has: above the kernel's pid_max. */
const DEAD_PID = 2 ** 22 + 12345;

describe('FileSpool', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('appends JSON lines to one file per process (named by host and pid), locked, read back in order', async () => {
    const spool = new FileSpool({ dir, owner: { host: 'h1', pid: process.pid } });
    spool.append(frame('m-1'));
    spool.append(frame('m-2', '2026-12-01T00:00:01Z'));
    expect(fs.readdirSync(dir).sort()).toEqual([`h1-${process.pid}.spool`, `h1-${process.pid}.spool.lock`]);
    const lines = fs.readFileSync(spool.ownFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { kind: 'message', id: 'm-1', payload: '{"msgId":"m-1"}', receivedAt: '2026-12-01T00:00:00.000Z' },
      { kind: 'message', id: 'm-2', payload: '{"msgId":"m-2"}', receivedAt: '2026-12-01T00:00:01.000Z' },
    ]);
    expect(spool.hasOwnFrames()).toBe(true);
    expect(spool.stats()).toMatchObject({ files: 1, frames: 2 });

    const put: string[] = [];
    expect(await spool.drain(spool.ownFile, async (f) => void put.push(f.id))).toEqual({ drained: 2, complete: true });
    expect(put).toEqual(['m-1', 'm-2']);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(spool.hasOwnFrames()).toBe(false);
  });

  it('keeps the file when the inbox fails mid-drain, and the next drain starts again from the first line', async () => {
    const spool = new FileSpool({ dir });
    for (const id of ['a', 'b', 'c']) spool.append(frame(id));
    const put: string[] = [];
    await expect(
      spool.drain(spool.ownFile, async (f) => {
        if (f.id === 'b') throw new Error('inbox down');
        put.push(f.id);
      }),
    ).rejects.toThrow('inbox down');
    expect(readSpoolFile(spool.ownFile).frames.map((f) => f.id)).toEqual(['a', 'b', 'c']);
    await spool.drain(spool.ownFile, async (f) => void put.push(f.id));
    expect(put).toEqual(['a', 'a', 'b', 'c']); // 'a' again: the inbox answers "duplicate" for it
  });

  it('takes frames appended while it drains before deleting the file', async () => {
    const spool = new FileSpool({ dir });
    spool.append(frame('a'));
    const put: string[] = [];
    await spool.drain(spool.ownFile, async (f) => {
      put.push(f.id);
      if (f.id === 'a') spool.append(frame('b'));
      await sleep(1);
    });
    expect(put).toEqual(['a', 'b']);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('skips a partial last line (a crash mid-append) and an unreadable line, and starts a new line after a torn one', async () => {
    const spool = new FileSpool({ dir });
    spool.append(frame('a'));
    fs.appendFileSync(spool.ownFile, 'not json\n{"kind":"message","id":"torn');
    expect(readSpoolFile(spool.ownFile)).toMatchObject({ frames: [{ id: 'a' }], skipped: 2 });
    spool.append(frame('b'));
    expect(readSpoolFile(spool.ownFile).frames.map((f) => f.id)).toEqual(['a', 'b']);
  });

  it("drains a dead owner's spool (dead pid on this host, or a heartbeat gone stale), never a live one's", async () => {
    const host = os.hostname();
    const dead = new FileSpool({ dir, owner: { host, pid: DEAD_PID } });
    dead.append(frame('d-1'));
    let clock = Date.now();
    const remote = new FileSpool({ dir, owner: { host: 'other-host', pid: 77 }, now: () => clock });
    remote.append(frame('r-1'));
    const alive = new FileSpool({ dir, owner: { host, pid: process.pid }, now: () => clock });
    alive.append(frame('l-1'));

    const living = new FileSpool({ dir, owner: { host, pid: process.pid + 1 }, isAlive: (pid) => pid !== DEAD_PID, now: () => clock });
    const put: string[] = [];
    const results = [];
    for (const file of living.files()) results.push(await living.drain(file, async (f) => void put.push(f.id)));
    expect(put).toEqual(['d-1']); // the other host's owner still has a fresh heartbeat; the live one is skipped
    expect(results.filter((r) => r === null)).toHaveLength(2);

    clock += 31_000; // the other host's owner stopped refreshing; the live one refreshes
    alive.heartbeat();
    for (const file of living.files()) await living.drain(file, async (f) => void put.push(f.id));
    expect(put.sort()).toEqual(['d-1', 'r-1']);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.spool'))).toEqual([path.basename(alive.ownFile)]);
    // The remote owner, were it alive after all, finds its lock gone and spools into a new file.
    remote.heartbeat();
    remote.append(frame('r-2'));
    expect(readSpoolFile(remote.ownFile).frames.map((f) => f.id)).toEqual(['r-2']);
  });

  it('two drainers never drain the same file', async () => {
    const dead = new FileSpool({ dir, owner: { host: os.hostname(), pid: DEAD_PID } });
    for (let i = 0; i < 20; i++) dead.append(frame(`m-${i}`));
    const put: string[] = [];
    const drainer = (pid: number) => new FileSpool({ dir, owner: { host: os.hostname(), pid }, isAlive: (p) => p !== DEAD_PID });
    const [a, b] = [drainer(101), drainer(102)];
    const slowPut = async (f: SpooledFrame) => {
      await sleep(2);
      put.push(f.id);
    };
    const outcomes = await Promise.all([a.drain(dead.ownFile, slowPut), b.drain(dead.ownFile, slowPut), a.drain(dead.ownFile, slowPut)]);
    expect(outcomes.filter((o) => o !== null)).toEqual([{ drained: 20, complete: true }]);
    expect(put).toEqual(Array.from({ length: 20 }, (_, i) => `m-${i}`));
  });
});

describe('SpoolLock', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-lock-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is exclusive; a stale lock is taken over by one contender only; the loser of a lock learns it on refresh', () => {
    let clock = 1_000_000;
    const lock = (pid: number) => new SpoolLock(path.join(dir, 'x.lock'), { pid, host: 'h', staleMs: 30_000, now: () => clock, isAlive: () => true });
    const first = lock(1);
    expect(first.acquire()).toBe(true);
    expect(lock(2).acquire()).toBe(false);
    clock += 31_000;
    const [second, third] = [lock(2), lock(3)];
    expect([second.acquire(), third.acquire()]).toEqual([true, false]);
    expect(first.refresh()).toBe(false);
    expect(first.held).toBe(false);
    expect(second.refresh()).toBe(true);
    second.release();
    expect(fs.existsSync(path.join(dir, 'x.lock'))).toBe(false);
  });
});
