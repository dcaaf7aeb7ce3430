/**
 * The non-browser end-to-end tests' one set-up: the whole bot as `npm start` runs it (embedded SQLite, in-process
 * timers, the DingTalk emulator on the bot's own server, the real dingtalk-stream client), started on files the
 * test writes — a directory (data or YAML text) and any other file a variable names (`FAQ_FILE`, `CHANGES_FILE`, …)
 * — in a fresh temporary folder; resolves once the bot's Stream connection is up.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDirectoryFile } from '../../src/adapters/directory/directory-yaml';
import { loadConfig } from '../../src/adapters/config/load-config';
import { createLogger } from '../../src/adapters/logging/logger';
import type { DirectoryData } from '../../src/domain/directory/directory.types';
import type { DingTalkEmulator } from '../../src/emulator';
import { createBot, type Bot } from '../../src/main';
import { demoData } from './demo';

export interface DemoBotOptions {
  /** The directory: data (written as YAML), YAML text, or the demo directory when absent. */
  directory?: DirectoryData | string;
  /** Other files, by the variable naming them: `{ FAQ_FILE: 'version: 1\nfaqs: []\n' }`. */
  files?: Record<string, string>;
  /** More variables (`ATTACHMENT_MAX_MB`, …); they win over the defaults. */
  env?: Record<string, string>;
  /** The threshold reconciler's period (`createBot`'s option); the bot's default when absent. */
  reconcileMs?: number;
}

export interface DemoBot {
  app: Bot;
  emu: DingTalkEmulator;
  /** The temporary folder holding the files and `bot.sqlite`. */
  dir: string;
  close(): Promise<void>;
}

export async function startDemoBot(label: string, options: DemoBotOptions = {}): Promise<DemoBot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
  const directoryFile = path.join(dir, 'directory.yaml');
  if (typeof options.directory === 'string') fs.writeFileSync(directoryFile, options.directory);
  else await writeDirectoryFile(directoryFile, options.directory ?? demoData());
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(options.files ?? {})) {
    files[name] = path.join(dir, `${name.toLowerCase()}.yaml`);
    fs.writeFileSync(files[name], text);
  }
  const cfg = loadConfig({
    HTTP_PORT: '0',
    SQLITE_PATH: path.join(dir, 'bot.sqlite'),
    DIRECTORY_FILE: directoryFile,
    DINGTALK_API_QPS: '0',
    ...files,
    ...options.env,
  });
  if (!cfg.ok) throw new Error(cfg.error.join('; '));
  const app = await createBot(
    cfg.value,
    createLogger({ level: 'error', format: 'json', silent: true }),
    options.reconcileMs === undefined ? undefined : { reconcileMs: options.reconcileMs },
  );
  const emu = app.emulator!;
  await emu.waitFor(() => emu.liveConnectionCount() > 0, 10_000, 'the bot to connect');
  return { app, emu, dir, close: () => app.close() };
}
