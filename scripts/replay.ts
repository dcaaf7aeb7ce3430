/**
 * `npm run replay -- <inbox id | file> [--as-new] [--dry-run]`: feed one frame through the bot's own entry point,
 * as probot's replay does ("replay what that person sent"; docs/interfaces.md "Commands"):
 * - an inbox id: the stored frame (message or card click) through the pipeline's `replay`, the path the inbox
 *   sweep takes, while its payload is kept (a day after it was handled; a dead frame's until retention). A frame that already had its effect (done) replays only with `--as-new`: under a new message id,
 *   so a message files anew (without it, one ticket per message id would only answer the person again);
 * - a file: a robot message or card callback as DingTalk sends it (its JSON `data`), stored in the inbox and
 *   processed like a received frame (an id already stored is reported, not run: replay it by id).
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

const USAGE = 'usage: npm run replay -- <inbox id | file.json> [--as-new] [--dry-run]';
const FLAGS = new Set(['--as-new', '--dry-run']);

/** A new id for a frame replayed as new: the old one with a replay suffix (DingTalk ids are ≤ 64 characters). */
const renamed = (id: string) => `${id.slice(0, 40)}~replay-${Date.now().toString(36)}`;
/** Time for this process's own outbox events (card updates, notices) after the frame ran. */
const SETTLE_MS = 1500;

async function replayFile(bot: Bot, file: string, asNew: boolean): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`${file} is not a JSON file: ${(e as Error).message}`);
    return 1;
  }
  const frame = raw as Record<string, unknown>;
  if (typeof frame.outTrackId === 'string') {
    const given = typeof frame.callbackId === 'string' ? frame.callbackId : null;
    const callbackId = given && !asNew ? given : renamed(given ?? 'card');
    const accepted = await bot.inbound.acceptCardAction(raw, callbackId, 'replay');
    if (accepted.status !== 'accepted') return report(accepted);
    const answer = await accepted.answer();
    console.log(JSON.stringify({ replayed: accepted.id, kind: 'card', answered: answer !== null }));
    return 0;
  }
  if (asNew && typeof frame.msgId === 'string') frame.msgId = renamed(frame.msgId);
  const accepted = await bot.inbound.acceptMessage(frame, undefined, 'replay');
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
  const asNew = argv.includes('--as-new');
  const target = argv.filter((a) => !FLAGS.has(a));
  if (target.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  readEnvFile();
  const loaded = loadConfig(process.env, { dingtalk: 'unused' });
  if (!loaded.ok) {
    for (const e of loaded.error) console.error(`configuration error: ${e}`);
    return 1;
  }
  const config = { ...loaded.value, httpPort: 0, bindHost: '127.0.0.1' };
  const log = createLogger({ ...config.log, level: process.env.LOG_LEVEL ?? 'warn' });
  // Without credentials (demo, emulator or none) nothing reaches DingTalk: the effects are printed.
  const print = dryRun || config.dingtalk.mode === 'emulator' || config.dingtalk.mode === 'none';
  const bot = await createBot(config, log, { receive: false, ...(print ? { gateway: new PrintingChatGateway(process.stdout) } : {}) });
  try {
    const arg = target[0]!;
    if (fs.existsSync(arg)) return await replayFile(bot, arg, asNew);
    const stored = await bot.inbox.entry(arg);
    if (!stored) {
      console.error(`no inbox entry ${arg} (nor a file of that name)`);
      return 1;
    }
    const { status, ...entry } = stored;
    if (entry.payload === '') {
      console.error(
        `${arg} is known (${status}) but its payload is no longer kept: a handled message keeps it for a day, then only its id stays (for dedupe). Nothing to replay; ask the sender to send it again`,
      );
      return 1;
    }
    if (status === 'done' && !asNew) {
      console.error(`${arg} already had its effect: add --as-new to run it again under a new message id (a message then files a new ticket)`);
      return 1;
    }
    if (!asNew) {
      await bot.inbound.replay(entry);
      console.log(JSON.stringify({ replayed: entry.id, kind: entry.kind }));
      return 0;
    }
    const id = renamed(entry.id);
    const payload = JSON.parse(entry.payload) as Record<string, unknown>;
    payload[entry.kind === 'message' ? 'msgId' : entry.kind === 'staff' ? 'eventId' : 'callbackId'] = id;
    const copy = { id, kind: entry.kind, payload: JSON.stringify(payload), receivedAt: new Date() };
    await bot.inbox.put(copy);
    await bot.inbound.replay({ ...copy, attempts: 0 });
    console.log(JSON.stringify({ replayed: entry.id, as: id, kind: entry.kind }));
    return 0;
  } finally {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    await bot.close();
  }
}

runCli('replay', () => main(process.argv.slice(2)));
