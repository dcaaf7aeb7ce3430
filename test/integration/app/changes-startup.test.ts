/** A CHANGES_FILE set explicitly with errors stops the start-up, naming every error; the demo default loads. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/adapters/config/load-config';
import { createLogger } from '../../../src/adapters/logging/logger';
import { createBot } from '../../../src/main';

const BAD = path.join(__dirname, '..', '..', 'fixtures', 'changes-bad.yaml');

describe('change templates at start-up', () => {
  it('an explicit file with errors: the start fails with each error named', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chg-start-'));
    const cfg = loadConfig({ HTTP_PORT: '0', SQLITE_PATH: path.join(dir, 'bot.sqlite'), CHANGES_FILE: BAD });
    if (!cfg.ok) throw new Error(cfg.error.join('; '));
    const started = createBot(cfg.value, createLogger({ level: 'error', format: 'json', silent: true }));
    await expect(started).rejects.toThrow(/CHANGES_FILE/);
    const message = await started.then(
      () => '',
      (e: Error) => e.message,
    );
    expect(message).toContain('templates[0].steps[0].team: unknown team "bj-nowhere"');
    expect(message).toContain('templates[1].steps: a template needs at least one step');
    expect(message).toContain('templates[2].code: duplicate code "app-release"');
    expect(message).toContain('templates[3].steps[0].kind: unknown kind "deploy"');
  });
});
