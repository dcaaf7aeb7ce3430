/** Directory import/export on real databases: idempotent upsert, prune, validation before any write. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importDirectoryFile } from '../../../src/adapters/directory/import-directory';
import { writeDirectoryFile } from '../../../src/adapters/directory/directory-yaml';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { describeOnDatabases } from '../../support/databases';
import { DEMO_FILE, demoData } from '../../support/demo';

const SIX_ERRORS = path.join(__dirname, '..', '..', 'fixtures', 'directory-six-errors.yaml');
const now = new Date('2026-12-02T02:00:00Z');

describeOnDatabases('directory import', (h) => {
  let store: TypeormDirectoryStore;
  const snapshot = async () =>
    (await h.db().ds.query('SELECT kind, code, status, body, updated_at FROM directory_entries ORDER BY kind, code')) as unknown[];
  const revision = async () =>
    ((await h.db().ds.query("SELECT value FROM directory_meta WHERE `key` = 'revision'")) as Array<{ value: string }>)[0]?.value;

  beforeAll(() => {
    store = new TypeormDirectoryStore(h.db(), { refreshMs: 0 });
  });

  it('imports the demo directory, and a second import of the same file writes nothing', async () => {
    const first = await importDirectoryFile(DEMO_FILE, store, { prune: false, now });
    expect(first).toMatchObject({ ok: true, value: { summary: { noop: false, updated: 0, deactivated: 0 } } });
    if (!first.ok) return;
    expect(first.value.summary.inserted).toBeGreaterThan(60);
    const rows = await snapshot();
    const rev = await revision();
    const again = await importDirectoryFile(DEMO_FILE, store, { prune: false, now: new Date(now.getTime() + 60_000) });
    expect(again).toMatchObject({ ok: true, value: { summary: { noop: true, inserted: 0, updated: 0, deactivated: 0 } } });
    expect(await snapshot()).toEqual(rows);
    expect(await revision()).toBe(rev);
    const dir = await store.current();
    expect(dir?.person('bjxiaoshoua')?.name).toBe('北京分公司-销售A');
    expect(dir?.org('guest')?.name).toBe('guest集团');
  });

  it('a file with many errors reports every one of them, with paths, and leaves the database unchanged', async () => {
    const before = await snapshot();
    const result = await importDirectoryFile(SIX_ERRORS, store, { prune: true, now });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.error.issues.map((e) => `${e.path}: ${e.message}`);
    const expectations = [
      /^calendars\[0\]\.hours\.mon.*overlap/i,
      /^calendars\[0\]\.hours\.tue/,
      /^organizations\[\d\]\.parent.*cycle/i,
      /^people\[1\]\.id.*duplicate/i,
      /^people\[2\]\.dingtalk_user_id/,
      /^people\[2\]\.profiles/,
      /^people\[3\]\.org.*nowhere/,
      /^people\[3\]\.mobile/,
      /^teams\[0\]\.members\[0\]/,
      /^contracts\[0\]\.sla.*sla-gold/,
      /^contracts\[0\]\.end/,
      /^contracts\[0\]\.services\[0\]/,
    ];
    for (const re of expectations) expect(lines.some((l) => re.test(l)) ? re.source : lines).toBe(re.source);
    expect(await snapshot()).toEqual(before);
  });

  it('updates names in place, replaces nested lists, obsoletes a vanished subcategory, and prunes only when asked', async () => {
    const d = demoData();
    d.people.find((p) => p.id === 'bjxiaoshoua')!.name = '北京销售A 😀';
    d.teams.find((t) => t.code === 'bj-sales-ops')!.members.pop();
    const it = d.services.find((s) => s.code === 'BJ-IT')!;
    it.subcategories = it.subcategories.filter((s) => s.code !== 'device-swap');
    d.people = d.people.filter((p) => p.id !== 'kehub');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dir-')), 'changed.yaml');
    await writeDirectoryFile(file, d);

    const noPrune = await importDirectoryFile(file, store, { prune: false, now });
    expect(noPrune).toMatchObject({ ok: true, value: { summary: { updated: 3, deactivated: 0, inserted: 0 } } });
    let dir = (await store.current())!;
    expect(dir.person('bjxiaoshoua')?.name).toBe('北京销售A 😀');
    expect(dir.teamMembers('bj-sales-ops').map((p) => p.id)).not.toContain('bjyunying2');
    expect(dir.subcategory('BJ-IT', 'device-swap')?.status).toBe('obsolete');
    expect(dir.person('kehub')?.status).toBe('active');

    const pruned = await importDirectoryFile(file, store, { prune: true, now });
    expect(pruned).toMatchObject({ ok: true, value: { summary: { deactivated: 1, updated: 0 } } });
    dir = (await store.current())!;
    expect(dir.person('kehub')?.status).toBe('inactive');
    expect(await importDirectoryFile(file, store, { prune: true, now })).toMatchObject({ ok: true, value: { summary: { noop: true } } });
  });

  it('exports what is stored; re-importing the export changes nothing', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dir-')), 'export.yaml');
    await writeDirectoryFile(out, (await store.exportData())!);
    const again = await importDirectoryFile(out, store, { prune: true, now });
    expect(again).toMatchObject({ ok: true, value: { summary: { noop: true } } });
  });
});
