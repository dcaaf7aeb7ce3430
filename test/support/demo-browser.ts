/**
 * The browser tests' one set-up: the demo bot as `npm start` runs it (embedded SQLite, in-process timers, the DingTalk
 * emulator on the bot's own server, the real dingtalk-stream client) and Debian's Chromium through playwright-core.
 * Outside CI a missing chromium skips the suite with one loud line; in CI it fails.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/adapters/config/load-config';
import { createLogger } from '../../src/adapters/logging/logger';
import { createBot, type Bot } from '../../src/main';

export const CHROMIUM = '/usr/bin/chromium';
/** Where the browser tests keep their screenshots. */
export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/** `describe` when Chromium is installed (or in CI, where its absence must fail); else `describe.skip`, said once. */
export function describeInBrowser(what: string): jest.Describe {
  if (existsSync(CHROMIUM) || IN_CI) return describe;
  console.warn(`\n!!! SKIPPED the ${what} browser test: ${CHROMIUM} is missing (apt-get install -y chromium) !!!\n`);
  return describe.skip;
}

export interface DemoBrowser {
  app: Bot;
  browser: Browser;
  /** Uncaught errors of every page opened through `openAs`. */
  pageErrors: string[];
  /** The emulator page as that DingTalk user, their DM open. */
  openAs(userId: string): Promise<Page>;
  close(): Promise<void>;
}

/** Start the demo bot (answering `/healthz`) and Chromium; `env` adds variables to the demo's. */
export async function startDemoBrowser(label: string, env: Record<string, string> = {}): Promise<DemoBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), `${label}-`));
  const cfg = loadConfig({ HTTP_PORT: '0', SQLITE_PATH: path.join(dir, 'bot.sqlite'), DINGTALK_API_QPS: '0', ...env });
  if (!cfg.ok) throw new Error(cfg.error.join('; '));
  const app = await createBot(cfg.value, createLogger({ level: 'error', format: 'json', silent: true }));
  for (let i = 0; i < 100; i++) {
    if ((await fetch(new URL('/healthz', app.url))).status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const pageErrors: string[] = [];
  return {
    app,
    browser,
    pageErrors,
    async openAs(userId: string): Promise<Page> {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('pageerror', (err) => pageErrors.push(String(err)));
      await page.goto(app.url);
      await page.selectOption('#viewer', userId);
      await page.waitForSelector('[data-testid=conversation][data-kind=dm].active');
      return page;
    },
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/** The emulator page's card of `ref` (its `outTrackId`) as `page` shows it. */
export function cardOn(page: Page, ref: string) {
  return page.locator(`[data-testid=card][data-out-track-id="${ref}"]`);
}

/** Press `action` on `ref`'s card once the button shows, typing `text` into its input first when given. */
export async function pressOnCard(page: Page, ref: string, action: string, text?: string): Promise<void> {
  const c = cardOn(page, ref);
  await c.locator(`button[data-action="${action}"]`).waitFor({ timeout: 10_000 });
  if (text !== undefined) await c.locator(`input[data-input-for="${action}"]`).fill(text);
  await c.locator(`button[data-action="${action}"]`).click();
}
