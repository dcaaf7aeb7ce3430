/**
 * `npm run replay -- <inbox id | file> [--dry-run]`: feed one frame through the bot's own entry point, as
 * probot's replay does ("replay what that person sent"):
 * - an inbox id: the stored frame (message or card click), whatever its state, through the pipeline's `replay`
 *   — the same path the inbox sweep takes (one ticket per message id still holds: a filed message finds its
 *   ticket and the person is answered again);
 * - a file: a robot message or card callback as DingTalk sends it (its JSON `data`), stored in the inbox and
 *   processed like a received frame (a message id already stored is reported, not run: replay it by id).
 * The bot is composed as `npm start` composes it, without receiving from DingTalk and with its HTTP server on a
 * free port. With `--dry-run`, or in the demo (no DingTalk credentials: the people's chats live in the running
 * emulator, not here), nothing is sent: what would be sent is printed, one JSON line per call.
 */
import fs from 'node:fs';
import { loadConfig } from '../src/adapters/config/load-config';
import { readEnvFile } from '../src/adapters/config/read-env-file';
import { PrintingChatGateway } from '../src/adapters/chat/printing-chat-gateway';
import { createLogger } from '../src/adapters/logging/logger';
import { createBot, type Bot } from '../src/main';
import { runCli } from './cli-database';

const USAGE = 'usage: npm run replay -- <inbox id | file.json> [--dry-run]';
/** Time for this process's own outbox events (card updates, notices) after the frame ran. */
const SETTLE_MS = 1500;

async function replayFile(bot: Bot, file: string): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`${file} is not a JSON file: ${(e as Error).message}`);
    return 1;
  }
  const frame = raw as Record<string, unknown>;
  if (typeof frame.outTrackId === 'string') {
    const callbackId = typeof frame.callbackId === 'string' ? frame.callbackId : `replay-${Date.now()}`;
    const accepted = await bot.inbound.acceptCardAction(raw, callbackId, 'replay');
    if (accepted.status !== 'accepted') return report(accepted);
    const answer = await accepted.answer();
    console.log(JSON.stringify({ replayed: accepted.id, kind: 'card', answered: answer !== null }));
    return 0;
  }
  const accepted = await bot.inbound.acceptMessage(raw, undefined, 'replay');
  if (accepted.status !== 'accepted') return report(accepted);
  await accepted.process();
  console.log(JSON.stringify({ replayed: accepted.id, kind: 'message' }));
  return 0;
}

function report(a: { status: string; id?: string; reason?: string }): number {
  if (a.status === 'duplicate') console.error(`${a.id} is already in the inbox: replay it by id (npm run replay -- ${a.id})`);
  else if (a.status === 'dropped') console.error(`not a DingTalk robot message or card callback: ${a.reason}`);
  else console.error('the inbox could not store the frame: is the database reachable?');
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const dryRun = argv.includes('--dry-run');
  const target = argv.filter((a) => a !== '--dry-run');
  if (target.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  readEnvFile();
  const loaded = loadConfig();
  if (!loaded.ok) {
    for (const e of loaded.error) console.error(`configuration error: ${e}`);
    return 1;
  }
  const config = { ...loaded.value, httpPort: 0 };
  const log = createLogger({ ...config.log, level: process.env.LOG_LEVEL ?? 'warn' });
  const print = dryRun || config.dingtalk.mode === 'emulator';
  const bot = await createBot(config, log, { receive: false, ...(print ? { gateway: new PrintingChatGateway(process.stdout) } : {}) });
  try {
    const arg = target[0]!;
    if (fs.existsSync(arg)) return await replayFile(bot, arg);
    const entry = await bot.inbox.entry(arg);
    if (!entry) {
      console.error(`no inbox entry ${arg} (nor a file of that name)`);
      return 1;
    }
    await bot.inbound.replay(entry);
    console.log(JSON.stringify({ replayed: entry.id, kind: entry.kind }));
    return 0;
  } finally {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    await bot.close();
  }
}

runCli('replay', () => main(process.argv.slice(2)));
