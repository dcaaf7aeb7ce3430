/**
 * `npm run faq:import|export` as an operator runs them (the compiled scripts) on SQLite and MariaDB: every error at
 * once with path and line and nothing written; idempotent (a second import writes nothing); `--prune` retires; the
 * export re-imports unchanged.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchMysqlDatabase, mysqlAvailable } from '../../support/services';

const ROOT = path.join(__dirname, '..', '..', '..');
const SCRIPT = (name: string) => path.join(ROOT, 'dist', 'scripts', `${name}.js`);
const DEMO_DIRECTORY = path.join(ROOT, 'config', 'demo-directory.yaml');
const DEMO_FAQ = path.join(ROOT, 'config', 'demo-faq.yaml');

if (!fs.existsSync(SCRIPT('faq-import'))) throw new Error('dist/ is missing: run npm run build (npm ci does it)');

function run(script: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [SCRIPT(script), ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const targets: Array<[string, () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>]> = [
  ['sqlite', async () => ({ env: { SQLITE_PATH: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'faq-cli-')), 'bot.sqlite') }, drop: async () => undefined })],
];
if (mysqlAvailable()) {
  targets.push([
    'mysql',
    async () => {
      const s = await createScratchMysqlDatabase('faqcli');
      return { env: { DATABASE_URL: s.url }, drop: s.drop };
    },
  ]);
}

describe.each(targets)('FAQ CLI [%s]', (_name, make) => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'faq-files-'));
  beforeAll(async () => {
    ({ env, drop } = await make());
    expect(run('directory-import', [DEMO_DIRECTORY], env).code).toBe(0);
  });
  afterAll(() => drop());

  it('refuses a bad file with every error and its line, writing nothing', () => {
    const bad = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(bad, ['version: 1', 'faqs:', '  - code: x', '    question: q', `    answer: ${'a'.repeat(2001)}`, '    service: NOPE', '  - code: x', '    answer: b', '    service: BJ-IT'].join('\n'));
    const r = run('faq-import', [bad], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain('line 5: faqs[0].answer: is 2001 characters long; at most 2000 are allowed');
    expect(r.err).toContain('line 6: faqs[0].service: unknown service "NOPE"');
    expect(r.err).toContain('line 7: faqs[1].code: "x" is also the code of faqs[0]');
    expect(r.err).toContain('faqs[1].question: is required');
    expect(r.err).toContain('4 error(s); nothing was written.');
    const out = path.join(tmp, 'empty.yaml');
    expect(run('faq-export', [out], env).out).toContain('0 entries');
  });

  it('imports the demo file once; a second import writes nothing; the export re-imports unchanged; --prune retires', () => {
    const first = run('faq-import', [DEMO_FAQ], env);
    expect(first.out).toContain('faq imported: 7 added');
    expect(run('faq-import', [DEMO_FAQ], env).out).toContain('faq unchanged: nothing written');
    const exported = path.join(tmp, 'export.yaml');
    expect(run('faq-export', [exported], env).code).toBe(0);
    expect(run('faq-import', [exported], env).out).toContain('faq unchanged');
    const fewer = path.join(tmp, 'fewer.yaml');
    fs.writeFileSync(fewer, fs.readFileSync(DEMO_FAQ, 'utf8').split('  - code: bj-invoice')[0]!);
    expect(run('faq-import', [fewer, '--prune'], env).out).toContain('5 retired');
  });
});
