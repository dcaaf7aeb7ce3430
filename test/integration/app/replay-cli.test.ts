/**
 * `npm run replay -- <inbox id | file> [--dry-run]` as support runs it (the compiled script): a DingTalk frame from
 * a file goes through the bot's own entry point (stored in the inbox, filed, cards and answer printed in the demo);
 * a message that had its effect replays only with --as-new (a new message id: a new ticket); a message whose
 * payload was trimmed, and bad arguments, get one sentence.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

const ROOT = path.join(__dirname, '..', '..', '..');
const REPLAY = path.join(ROOT, 'dist', 'scripts', 'replay.js');
if (!fs.existsSync(REPLAY)) throw new Error('dist/ is missing: run npm run build (npm ci does it)');

const SALES_GZ = '1000000111'; // 广州-天河区销售 in the demo directory

function run(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [REPLAY, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'error', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code: r.status, lines, err: r.stderr };
}

describe('replay CLI (demo: SQLite, printed deliveries)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-'));
  const env = { SQLITE_PATH: path.join(dir, 'bot.sqlite') };
  const frame = path.join(dir, 'message.json');
  fs.writeFileSync(
    frame,
    JSON.stringify({
      conversationId: 'cidDM==',
      conversationType: '1',
      msgId: 'msgReplayTest1',
      senderNick: '广州-天河区销售',
      senderStaffId: SALES_GZ,
      msgtype: 'text',
      text: { content: '商城加载速度慢' },
      createAt: Date.now(),
    }),
  );
  const tickets = () => {
    const db = new Database(env.SQLITE_PATH, { readonly: true });
    try {
      return db.prepare("SELECT id FROM tickets WHERE source_msg = 'msgReplayTest1'").all();
    } finally {
      db.close();
    }
  };

  it('a frame from a file is filed through the bot: the caller gets a card (the answer, no text)', () => {
    const r = run([frame], env);
    expect(r.code).toBe(0);
    const callerCard = r.lines.find((l) => l.call === 'deliverCard' && (l.spaces as Array<{ userId?: string }>)[0]?.userId === SALES_GZ);
    expect(callerCard).toMatchObject({ ref: 'R-000001', title: '商城加载速度慢' });
    // The card is the caller's answer: no text answer.
    expect(r.lines.find((l) => l.call === 'answerPrivately' && l.userId === SALES_GZ)).toBeUndefined();
    expect(r.lines).toContainEqual({ replayed: 'msgReplayTest1', kind: 'message' });
    expect(tickets()).toHaveLength(1);
  });

  it('the same file again is refused (already in the inbox) and names the replay by id', () => {
    const r = run([frame], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain('npm run replay -- msgReplayTest1');
    expect(tickets()).toHaveLength(1);
  });

  it('replaying a message that had its effect, by its inbox id, is refused without --as-new: no second ticket', () => {
    const r = run(['msgReplayTest1'], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain('--as-new');
    expect(r.lines.some((l) => l.call !== undefined)).toBe(false);
    expect(tickets()).toHaveLength(1);
  });

  it('with --as-new it runs again under a new message id and files a new ticket', () => {
    const r = run(['msgReplayTest1', '--as-new'], env);
    expect(r.code).toBe(0);
    const done = r.lines.find((l) => l.replayed === 'msgReplayTest1');
    expect(String(done?.as)).toMatch(/^msgReplayTest1~replay-/);
    const card = r.lines.find((l) => l.call === 'deliverCard' && (l.spaces as Array<{ userId?: string }>)[0]?.userId === SALES_GZ);
    expect(card).toMatchObject({ ref: 'R-000002' });
    expect(r.lines.find((l) => l.call === 'answerPrivately' && l.userId === SALES_GZ)).toBeUndefined();
    const db = new Database(env.SQLITE_PATH, { readonly: true });
    try {
      expect(db.prepare('SELECT source_msg FROM tickets ORDER BY id').all()).toEqual([
        { source_msg: 'msgReplayTest1' },
        { source_msg: done?.as },
      ]);
    } finally {
      db.close();
    }
  });

  it('a message whose payload retention trimmed (a day after it was handled) gets a sentence, nothing runs', () => {
    const db = new Database(env.SQLITE_PATH);
    try {
      db.prepare("UPDATE inbox SET payload = '' WHERE id = 'msgReplayTest1'").run();
    } finally {
      db.close();
    }
    const r = run(['msgReplayTest1', '--as-new'], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain('msgReplayTest1 is known (done) but its payload is no longer kept');
    expect(r.lines.some((l) => l.call !== undefined)).toBe(false);
    expect(tickets()).toHaveLength(1);
  });

  it('an unknown id, a file that is not JSON, and no argument each get one sentence and a failing exit code', () => {
    const unknown = run(['no-such-id'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no inbox entry no-such-id');
    const notJson = path.join(dir, 'bad.json');
    fs.writeFileSync(notJson, 'not json');
    const bad = run([notJson], env);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('is not a JSON file');
    const none = run([], env);
    expect(none.code).toBe(2);
    expect(none.err).toContain('usage: npm run replay');
  });
});
