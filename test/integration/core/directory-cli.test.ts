/**
 * `npm run directory:import|export` as an operator runs them (the compiled scripts, as `npm ci` builds them):
 * exit codes, one `path: message` line per error, nothing written on error, "unchanged" on a second import.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchMysqlDatabase, mysqlAvailable } from '../../support/services';

const ROOT = path.join(__dirname, '..', '..', '..');
const IMPORT = path.join(ROOT, 'dist', 'scripts', 'directory-import.js');
const EXPORT = path.join(ROOT, 'dist', 'scripts', 'directory-export.js');
const DEMO = path.join(ROOT, 'config', 'demo-directory.yaml');
const BAD = path.join(ROOT, 'test', 'fixtures', 'directory-six-errors.yaml');

if (!fs.existsSync(IMPORT)) throw new Error('dist/ is missing: run npm run build (npm ci does it)');

function run(script: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const targets: Array<[string, () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>]> = [
  ['sqlite', async () => ({ env: { SQLITE_PATH: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-')), 'bot.sqlite') }, drop: async () => undefined })],
];
if (mysqlAvailable()) {
  targets.push([
    'mysql',
    async () => {
      const s = await createScratchMysqlDatabase('cli');
      return { env: { DATABASE_URL: s.url }, drop: s.drop };
    },
  ]);
}

describe.each(targets)('directory CLI [%s]', (_name, make) => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  beforeAll(async () => ({ env, drop } = await make()));
  afterAll(() => drop());

  it('refuses a bad file: exit 1, every error on its own line, nothing written', () => {
    const r = run(IMPORT, [BAD], env);
    expect(r.code).toBe(1);
    const lines = r.err.split('\n').filter((l) => /^(line \d+: )?[a-z_]+\[\d+\]/.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(r.err).toContain('nothing was written');
    const exp = run(EXPORT, [path.join(os.tmpdir(), 'never.yaml')], env);
    expect(exp.code).toBe(1); // still no directory stored
    expect(exp.err).toContain('no directory is stored');
  });

  it('imports the demo (exit 0), then "unchanged"; exports a file that re-imports unchanged', () => {
    const first = run(IMPORT, [DEMO], env);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/directory imported: \d+ added/);
    const again = run(IMPORT, [DEMO], env);
    expect(again).toMatchObject({ code: 0 });
    expect(again.out).toContain('directory unchanged: nothing written');
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-')), 'export.yaml');
    expect(run(EXPORT, [out], env).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('北京分公司-销售A');
    expect(run(IMPORT, [out, '--prune'], env).out).toContain('unchanged');
  });

  it('usage errors exit 2', () => {
    expect(run(IMPORT, [], env).code).toBe(2);
    expect(run(IMPORT, [DEMO, '--bogus'], env).code).toBe(2);
  });
});
