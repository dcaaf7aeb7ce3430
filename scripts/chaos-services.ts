/**
 * Throw-away MariaDB and Redis servers for `bench:chaos`, on free ports under one temporary directory, from the
 * Debian binaries on the machine (`mariadb-install-db`, `/usr/sbin/mariadbd`, `redis-server`). Each can be killed
 * and started again on the same data directory and port. Every child process started here is tracked, and
 * `killAllChildren()` (also run on the bench's exit) SIGKILLs whatever is still alive.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import mysql from 'mysql2/promise';

const children = new Set<ChildProcess>();

/** Spawn and track; stdout and stderr appended to `logFile`. */
export function spawnTracked(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; logFile: string }): ChildProcess {
  const fd = fs.openSync(options.logFile, 'a');
  const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Signal a child and wait for it to exit. */
export async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const done = exited(child);
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  await done;
}

export function killAllChildren(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

export class ChaosMariaDb {
  child: ChildProcess | null = null;
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bufferPoolMiB: number | undefined,
  ) {}

  get url(): string {
    return `mysql://root@127.0.0.1:${this.port}/chaos`;
  }

  /** Install a data directory (root without password on 127.0.0.1), start, create the `chaos` database (utf8mb4). */
  static async create(dir: string, options: { bufferPoolMiB?: number } = {}): Promise<ChaosMariaDb> {
    fs.mkdirSync(dir, { recursive: true });
    const install = spawnSync(
      'mariadb-install-db',
      ['--no-defaults', `--datadir=${path.join(dir, 'data')}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...rootUser()],
      { encoding: 'utf8' },
    );
    if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr || install.stdout}`);
    const db = new ChaosMariaDb(dir, await freePort(), options.bufferPoolMiB);
    await db.start();
    const conn = await mysql.createConnection({ host: '127.0.0.1', port: db.port, user: 'root' });
    await conn.query('CREATE DATABASE chaos CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    await conn.end();
    return db;
  }

  async start(): Promise<void> {
    const args = [
      '--no-defaults',
      `--datadir=${path.join(this.dir, 'data')}`,
      `--socket=${path.join(this.dir, 'mariadb.sock')}`,
      `--pid-file=${path.join(this.dir, 'mariadb.pid')}`,
      `--port=${this.port}`,
      '--bind-address=127.0.0.1',
      `--log-error=${path.join(this.dir, 'mariadb.err')}`,
      '--max-connections=500',
      ...(this.bufferPoolMiB ? [`--innodb-buffer-pool-size=${this.bufferPoolMiB}M`] : []),
      ...rootUser(),
    ];
    this.child = spawnTracked('/usr/sbin/mariadbd', args, { logFile: path.join(this.dir, 'mariadbd.out') });
    const child = this.child;
    await until('MariaDB to accept connections', 60_000, async () => {
      if (child.exitCode !== null) throw new Error(`mariadbd exited with ${child.exitCode}; see ${this.dir}/mariadb.err`);
      const conn = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
      await conn.end();
      return true;
    });
  }

  /** A real stop (SIGTERM: InnoDB shuts down cleanly); resolves when the server has exited. */
  async stop(): Promise<void> {
    if (this.child) await stop(this.child, 'SIGTERM');
    this.child = null;
  }
}

/** mariadbd refuses to run as root unless told to. */
function rootUser(): string[] {
  return process.getuid?.() === 0 ? ['--user=root'] : [];
}

export class ChaosRedis {
  child: ChildProcess | null = null;
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  static async create(dir: string): Promise<ChaosRedis> {
    fs.mkdirSync(dir, { recursive: true });
    const r = new ChaosRedis(dir, await freePort());
    await r.start();
    return r;
  }

  /** No persistence: a killed Redis comes back empty (the bot's Bull jobs are gone). */
  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir];
    this.child = spawnTracked('redis-server', args, { logFile: path.join(this.dir, 'redis.log') });
    await until('Redis to answer PING', 20_000, () => ping(this.port));
  }

  async kill(): Promise<void> {
    if (this.child) await stop(this.child, 'SIGKILL');
    this.child = null;
  }

  async stop(): Promise<void> {
    if (this.child) await stop(this.child, 'SIGTERM');
    this.child = null;
  }
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.setTimeout(1000);
    s.once('connect', () => s.write('PING\r\n'));
    s.once('data', (d) => {
      resolve(d.toString().startsWith('+PONG'));
      s.destroy();
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      resolve(false);
      s.destroy();
    });
  });
}
