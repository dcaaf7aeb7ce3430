/**
 * `npm run contracts:report` as an operator runs it (the compiled script on the demo directory) and the same
 * report on the admin API (`GET /admin/contracts-report`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { Registry } from 'prom-client';
import { HealthRegistry } from '../../../src/adapters/http/health';
import { createAdminRouter } from '../../../src/adapters/http/admin-router';
import { createHttpApp } from '../../../src/adapters/http/http-app';
import { createLogger } from '../../../src/adapters/logging/logger';
import { openDatabase } from '../../../src/adapters/persistence/data-source';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { TypeormNoticeStore } from '../../../src/adapters/persistence/typeorm-notice-store';
import { TypeormOutboxStore } from '../../../src/adapters/persistence/typeorm-outbox-store';
import type { ContractsReport } from '../../../src/domain/directory/contracts-report';
import { demoData, DEMO_FILE, WORKDAY_10AM } from '../../support/demo';

const ROOT = path.join(__dirname, '..', '..', '..');
const IMPORT = path.join(ROOT, 'dist', 'scripts', 'directory-import.js');
const REPORT = path.join(ROOT, 'dist', 'scripts', 'contracts-report.js');
if (!fs.existsSync(REPORT)) throw new Error('dist/ is missing: run npm run build');

function run(script: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('contracts:report on the demo directory', () => {
  const env = { SQLITE_PATH: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'contracts-')), 'bot.sqlite') };
  beforeAll(() => expect(run(IMPORT, [DEMO_FILE], env).code).toBe(0));

  it('prints every organisation with people, what it can file and why not the rest', () => {
    const r = run(REPORT, ['--date', '2026-12-02'], env);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Contracts report 2026-12-02/);
    const block = (org: string) => r.out.split('\n\n').find((b) => b.startsWith(`${org} `)) ?? '';
    // the seed's broken contracts of 广州-销售 are found before a salesperson hits them
    expect(block('gz-sales')).toContain('ok      GZ-SALES-OPS GZ-销售运营');
    expect(block('gz-sales')).toContain('cannot  BJ-IT BJ-IT: contract ended 2025-12-31');
    expect(block('gz-sales')).toContain('cannot  BJ-QA BJ-质量: contract obsolete');
    expect(block('bj-sales')).toContain('cannot  BJ-QA BJ-质量: no contract');
    expect(block('customers')).toContain('no contract and no delivery model');
    // organisations without active people are left out (bj has its lead; gz-sales-ops has two people)
    expect(r.out).not.toMatch(/^gz-huadu /m);
    const orgs = r.out.split('\n').filter((l) => /^[a-z]/.test(l) && !l.startsWith('Contracts'));
    expect(orgs.map((l) => l.split(' ')[0])).toEqual([
      'guest', 'bj', 'bj-product-mall', 'bj-rd-mall', 'bj-qa', 'bj-it', 'bj-ops', 'bj-sales', 'bj-sales-ops', 'gz', 'gz-sales', 'gz-sales-ops', 'gz-it', 'customers',
    ]);
  });

  it('--json gives the same report as data; a bad flag is a usage error', () => {
    const r = run(REPORT, ['--json', '--date', '2026-12-02'], env);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as ContractsReport;
    expect(report.orgs.find((o) => o.org === 'gz-sales')!.cannot).toEqual([
      { service: 'BJ-IT', name: 'BJ-IT', reason: 'contract ended 2025-12-31' },
      { service: 'BJ-QA', name: 'BJ-质量', reason: 'contract obsolete' },
    ]);
    expect(run(REPORT, ['--bogus'], env).code).toBe(2);
  });

  it('the admin API answers the same report', async () => {
    const db = await openDatabase({ sqlitePath: ':memory:' });
    try {
      const directory = new TypeormDirectoryStore(db);
      await directory.importData(demoData(), { prune: false, now: WORKDAY_10AM });
      const router = createAdminRouter({ token: 'a-long-enough-admin-token', outbox: new TypeormOutboxStore(db.gate), notices: new TypeormNoticeStore(db.gate), directory, now: () => WORKDAY_10AM });
      const app = createHttpApp({ health: new HealthRegistry(), metrics: new Registry(), log: createLogger({ level: 'error', format: 'json', silent: true }), routers: [router] });
      await request(app.callback()).get('/admin/contracts-report').expect(401);
      const res = await request(app.callback()).get('/admin/contracts-report').set('Authorization', 'Bearer a-long-enough-admin-token').expect(200);
      const cli = JSON.parse(run(REPORT, ['--json', '--date', '2026-12-02'], env).out) as ContractsReport;
      expect(res.body).toEqual(cli);
    } finally {
      await db.close();
    }
  });
});
