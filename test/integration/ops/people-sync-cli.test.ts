/**
 * `npm run people:sync -- FILE [--dry-run]` as an operator runs it (the compiled script, SQLite and MariaDB): a file
 * with errors names every bad line and writes nothing; a good file prints the diff first and applies it (the
 * leaver's assigned ticket back in the team's queue, one notice to the lead); the same file again: `no changes`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../../src/adapters/persistence/data-source';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { TypeormNoticeStore } from '../../../src/adapters/persistence/typeorm-notice-store';
import { ticketServiceOn } from '../../../src/compose-core';
import { SYSTEM_ACTOR } from '../../../src/domain/tickets/actor';
import { DEMO_FILE } from '../../support/demo';
import { createScratchMysqlDatabase, mysqlAvailable } from '../../support/services';

const ROOT = path.join(__dirname, '..', '..', '..');
const IMPORT = path.join(ROOT, 'dist', 'scripts', 'directory-import.js');
const SYNC = path.join(ROOT, 'dist', 'scripts', 'people-sync.js');
if (!fs.existsSync(SYNC)) throw new Error('dist/ is missing: run npm run build');

function run(script: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const BAD_CSV = [
  'id,name,dingtalk_user_id,org,status,profiles',
  'bjxiaoshoua,北京分公司-销售A,1000000259,bj-sales,active,portal_user', // line 2: fine
  'bjnew,北京新人,1000007777,bj-xx,active,', // line 3: unknown org
  'bjxiaoshoub,北京分公司-销售B,1000000296,bj-sales,gone,portal_user', // line 4: bad status
  ',无名,1000007778,bj-sales,active,', // line 5: empty id
  'bjnew2,北京新人2,1000000259,bj-sales,active,', // line 6: DingTalk id of bjxiaoshoua
  'bjnew3,北京新人3,1000007779,bj-sales,active,wizard', // line 7: unknown profile
  'bjxiaoshoua,北京分公司-销售A,1000000259,bj-sales,active,portal_user', // line 8: id twice
].join('\n');

const GOOD_CSV = [
  'id,name,dingtalk_user_id,org,status,profiles',
  'bjxiaoshouyunying,北京分公司-销售运营,1000000333,bj-sales-ops,inactive,support_agent',
  '"bjnew","北京新人, 销售",1000007777,bj-sales,active,',
  'bjxiaoshoub,北京分公司-销售B（改名）,1000000296,bj-sales,active,portal_user',
].join('\n');

const GOOD_JSON = JSON.stringify(
  [
    { id: 'bjnew', name: '北京新人, 销售', dingtalk_user_id: '1000007777', org: 'bj-sales', status: 'active' },
    { id: 'gznew', name: '广州新人', dingtalk_user_id: 1000007780, org: 'gz-nowhere', status: 'active' },
  ],
  null,
  2,
);

const targets: Array<[string, () => Promise<{ env: Record<string, string>; open: () => Promise<Database>; drop: () => Promise<void> }>]> = [
  [
    'sqlite',
    async () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'people-')), 'bot.sqlite');
      return { env: { SQLITE_PATH: file }, open: () => openDatabase({ sqlitePath: file }), drop: async () => undefined };
    },
  ],
];
if (mysqlAvailable()) {
  targets.push([
    'mysql',
    async () => {
      const s = await createScratchMysqlDatabase('people');
      return { env: { DATABASE_URL: s.url }, open: () => openDatabase({ url: s.url }), drop: s.drop };
    },
  ]);
}

describe.each(targets)('people:sync [%s]', (_name, make) => {
  let env: Record<string, string>;
  let open: () => Promise<Database>;
  let drop: () => Promise<void>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-'));
  const write = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };
  const withDb = async <T>(work: (db: Database) => Promise<T>): Promise<T> => {
    const db = await open();
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  };
  const people = () => withDb(async (db) => (await new TypeormDirectoryStore(db).exportData())!.people);

  beforeAll(async () => {
    ({ env, open, drop } = await make());
    expect(run(IMPORT, [DEMO_FILE], env).code).toBe(0);
    // a request claimed by the person the HR file says left
    await withDb(async (db) => {
      const tickets = ticketServiceOn(db, { directory: new TypeormDirectoryStore(db), clock: { now: () => new Date() } });
      const opened = await tickets.open({ person: 'bjxiaoshoua', entryPoint: 'chat' }, { service: 'BJ-SALES-OPS', subcategory: 'consult', description: '商户A的葡萄没有送货' });
      if (!opened.ok) throw new Error(opened.error.code);
      expect(await tickets.claim({ person: 'bjxiaoshouyunying', entryPoint: 'card' }, 'R-000001')).toMatchObject({ ok: true });
    });
  });
  afterAll(() => drop());

  it('a file with errors: every bad line named, nothing written (exit 1)', async () => {
    const before = await people();
    const r = run(SYNC, [write('bad.csv', BAD_CSV)], env);
    expect(r.code).toBe(1);
    const lines = r.err.split('\n').filter((l) => l.startsWith('line '));
    expect(lines).toEqual([
      'line 3: org "bj-xx" unknown',
      'line 4: status "gone" must be active or inactive',
      'line 5: id is empty',
      'line 6: DingTalk user id "1000000259" also on line 2',
      'line 7: profile "wizard" unknown',
      'line 8: id "bjxiaoshoua" also on line 2',
    ]);
    expect(r.err).toContain('6 error(s); nothing was written.');
    expect(r.out).toBe('');
    expect(await people()).toEqual(before);
    // JSON: the line of each entry; a number where a string belongs
    const j = run(SYNC, [write('bad.json', GOOD_JSON)], env);
    expect(j.code).toBe(1);
    expect(j.err.split('\n').filter((l) => l.startsWith('line '))).toEqual(['line 9: dingtalk_user_id must be a string (quote ids: "0100")']);
    expect(await people()).toEqual(before);
  });

  it('--dry-run prints the diff and writes nothing; the run applies it; the same file again: no changes', async () => {
    const file = write('good.csv', GOOD_CSV);
    const before = await people();
    const dry = run(SYNC, [file, '--dry-run'], env);
    expect(dry.code).toBe(0);
    const diff = [
      '- bjxiaoshouyunying 北京分公司-销售运营',
      '+ bjnew 北京新人, 销售 (org bj-sales, profiles portal_user)',
      '~ bjxiaoshoub 北京分公司-销售B（改名）: name 北京分公司-销售B → 北京分公司-销售B（改名）',
    ];
    expect(dry.out.split('\n').filter((l) => /^[-+~] /.test(l))).toEqual(diff);
    expect(dry.out).toContain('dry run: 3 change(s), nothing written');
    expect(await people()).toEqual(before);

    const r = run(SYNC, [file], env);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => /^[-+~] /.test(l))).toEqual(diff);
    expect(r.out).toContain("applied: 3 change(s); 1 ticket(s) back in their team's queue (R-000001); 1 lead(s) told");
    const after = await people();
    expect(after.find((p) => p.id === 'bjxiaoshouyunying')!.status).toBe('inactive');
    expect(after.find((p) => p.id === 'bjnew')).toMatchObject({ org: 'bj-sales', dingtalkUserId: '1000007777', profiles: ['portal_user'], status: 'active' });
    await withDb(async (db) => {
      const tickets = ticketServiceOn(db, { directory: new TypeormDirectoryStore(db), clock: { now: () => new Date() } });
      const t = await tickets.get(SYSTEM_ACTOR, 'R-000001');
      expect(t).toMatchObject({ ok: true, value: { status: 'new', agent: null, team: 'bj-sales-ops' } });
      const notices = (await new TypeormNoticeStore(db.gate).byTicket(1)).filter((n) => n.eventCode === 'staff_left');
      expect(notices.map((n) => [n.personId, n.status])).toEqual([['bjyunyingzg', 'pending']]);
      expect(notices[0]!.body).toContain('R-000001');
      expect(notices[0]!.body).toContain('bjxiaoshouyunying');
    });

    const again = run(SYNC, [file], env);
    expect(again.code).toBe(0);
    expect(again.out.trim()).toBe('no changes');
  });

  it('a later directory import of the unchanged entry keeps them inactive; --reactivate lets the file win', async () => {
    const again = run(IMPORT, [DEMO_FILE], env);
    expect(again.code).toBe(0);
    expect(again.out).toContain('kept inactive by staff sync: bjxiaoshouyunying');
    expect((await people()).find((p) => p.id === 'bjxiaoshouyunying')!.status).toBe('inactive');
    const third = run(IMPORT, [DEMO_FILE], env);
    expect(third.out).toContain('directory unchanged: nothing written');
    expect(third.out).toContain('kept inactive by staff sync: bjxiaoshouyunying');

    const back = run(IMPORT, [DEMO_FILE, '--reactivate', 'bjxiaoshouyunying'], env);
    expect(back.code).toBe(0);
    expect(back.out).not.toContain('kept inactive');
    expect((await people()).find((p) => p.id === 'bjxiaoshouyunying')!.status).toBe('active');
    expect(run(IMPORT, [DEMO_FILE], env).out).toContain('directory unchanged: nothing written');
    expect(run(IMPORT, [DEMO_FILE, '--reactivate'], env).code).toBe(2);
  });
});
