/**
 * npm run bench:intake [-- --people N --rate R --seconds S --warmup W --bots B]
 * N synthetic salespeople (default 2,000) write to the bot through the DingTalk emulator at a constant offered rate
 * (default 200 messages/s) for S measured seconds (default 60) after W seconds of warm-up. The bot runs as its own process (`node dist/src/main.js`,
 * real dingtalk-stream client, Stream mode against the emulator in this process, `DINGTALK_API_QPS=0` unless `--qps`) on the
 * configured DATABASE_URL / REDIS_URL (embedded defaults otherwise). Every message names exactly one subcategory,
 * so each files one request at once and delivers the caller's card. Prints messages/s, message → ACK and
 * message → card percentiles, lost and duplicated counts, and the docs/interfaces.md summary line.
 * `--bots B` (default 1) starts B bot processes on the same database and Redis: the emulator hands each message to
 * one of their connections in turn, as DingTalk does with several connections of one app.
 * `--profile DIR` writes the bot process's V8 CPU profile (`--cpu-prof`) into DIR, for finding where the time goes;
 * `--warmup W` (default 15) offers the same rate for W seconds first: a freshly started process runs slower until
 * the JIT, the connection pools and the caches are warm. Those messages count for lost and duplicated but not in
 * the percentiles, which are printed for them on a line of their own.
 * `--timeline FILE` writes message → card percentiles per second of the run (when the slow ones were sent).
 * `--qps Q` (default 0 = off): the emulator enforces DingTalk's Q calls per API in any sliding second
 * (`QpsLimitForAppkeyAndApi` beyond) and the bot runs with `DINGTALK_API_QPS=Q`; the summary line then ends with
 * the DingTalk calls per message and the throttled calls (0 when the bot's limiter keeps it inside the budget).
 * The bot reaches the emulator with the credentials it generated for this run.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/adapters/config/load-config';
import { startDingTalkEmulator } from '../src/emulator';
import { DINGTALK_API } from '../src/adapters/dingtalk/openapi/dingtalk-api-names';
import { loadDirectoryFile } from '../src/adapters/directory/directory-yaml';
import { openDatabase } from '../src/adapters/persistence/data-source';
import { TypeormDirectoryStore } from '../src/adapters/persistence/typeorm-directory-store';
import { runCli } from './cli-database';
import { argNumber, argString, fmt, messageTag, percentile, syntheticPeople, botEnvironment, startBotProcess, whileAlive } from './bench-support';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const UNMETERED_APIS = new Set<string>([DINGTALK_API.accessToken, DINGTALK_API.legacyGetToken, DINGTALK_API.gatewayOpen]);
const tag = messageTag;

async function main(): Promise<void> {
  const people = argNumber('people', 2000);
  const rate = argNumber('rate', 200);
  const seconds = argNumber('seconds', 60);
  const warmup = argNumber('warmup', 15);
  const botCount = argNumber('bots', 1);
  const qps = argNumber('qps', 0);
  const loaded = loadConfig(process.env, { dingtalk: 'unused' });
  if (!loaded.ok) throw new Error(loaded.error.join('; '));
  const cfg = loaded.value;

  // Directory: the demo company plus N salespeople of 北京分公司-销售 (contracted for BJ-销售运营).
  const demo = await loadDirectoryFile(cfg.directoryFile ?? 'config/demo-directory.yaml');
  if (!demo.ok) throw new Error('directory file invalid');
  const data = demo.value.data;
  const synthetic = syntheticPeople(people, 'bench', () => 'bj-sales', (i) => `压测销售${tag(i)}`);
  data.people.push(...synthetic);
  const sqlitePath = cfg.database.url ? undefined : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-intake-')), 'bot.sqlite');
  const db = await openDatabase({ url: cfg.database.url, sqlitePath });
  await new TypeormDirectoryStore(db).importData(data, { prune: false, now: new Date() });
  // The database server's page cache bounds how long a run can write before the server slows down: stated.
  const serverNote =
    db.dialect === 'mysql'
      ? `; innodb_buffer_pool_size ${Math.round(Number(((await db.ds.query('SELECT @@innodb_buffer_pool_size AS b')) as Array<{ b: unknown }>)[0]?.b) / 1048576)} MiB`
      : '';
  await db.close();

  const emu = await startDingTalkEmulator({
    apiQpsLimit: qps,
    // Keep every frame (and its ACKs) of the run: the emulator trims its history at 10 × maxHistory frames.
    maxHistory: Math.ceil((rate * (warmup + seconds)) / 10) + 1000,
    people: data.people.filter((p) => p.dingtalkUserId).map((p) => ({ personId: p.id, name: p.name, dingtalkUserId: p.dingtalkUserId! })),
  });
  const profileDir = argString('profile', 'bench-profiles');
  const startBot = () =>
    startBotProcess(
      path.join(__dirname, '..', 'src', 'main.js'),
      botEnvironment(emu, {
        ...(cfg.database.url ? { DATABASE_URL: cfg.database.url } : { SQLITE_PATH: sqlitePath!, DIRECTORY_FILE: '' }),
        ...(cfg.redisUrl ? { REDIS_URL: cfg.redisUrl } : {}),
        DINGTALK_API_QPS: String(qps),
      }),
      { profileDir },
    );
  const bots = Array.from({ length: botCount }, startBot);
  try {
    // A bot that cannot start ends the bench at once with a sentence (not a 30 s wait, then a timeout).
    await whileAlive(bots, emu.emulator.waitFor(() => emu.emulator.liveConnectionCount() >= botCount, 30_000, 'the bots to connect'));
    await sleep(1000);

    // Offer `rate` messages/s for `warmup` + `seconds` s, each person in turn. The first `warmup` seconds let the
    // freshly started bot reach its steady state (JIT, connection pools, caches); they are reported apart.
    const total = rate * (warmup + seconds);
    const warmupCount = rate * warmup;
    const sent: Array<{ messageId: string; user: string; text: string; at: number }> = [];
    const start = Date.now();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 1) await sleep(wait);
      const user = synthetic[i % people]!.dingtalkUserId;
      const text = `商户${tag(i)}订的货今天没有送货`;
      const m = emu.emulator.sendRobotMessage({ fromUserId: user, text });
      sent.push({ messageId: m.messageId, user, text, at: Date.now() });
    }
    const offeredFor = (Date.now() - start) / 1000;
    process.stderr.write(`offered ${total} messages in ${offeredFor.toFixed(1)} s; waiting for the last cards…\n`);
    const measuredFrom = sent[warmupCount]?.at ?? start;

    // Collect: ACK and the caller's card per message.
    // The contacts' deliveries of each caller's card (the same instance): when each contact's space got it.
    const contactDeliveries = new Map<string, number[]>();
    const cardOf = () => {
      const byTitle = new Map<string, number[]>();
      contactDeliveries.clear();
      for (const c of emu.emulator.cards()) {
        // One card instance per ticket (outTrackId = its ref), delivered to the caller's direct chat among others.
        if (!/^R-\d+$/.test(c.outTrackId)) continue;
        if (!c.spaces.some((sp) => sp.type === 'IM_ROBOT' && /^3\d+$/.test(sp.id))) continue;
        const title = c.publicData.title ?? '';
        byTitle.set(title, [...(byTitle.get(title) ?? []), c.createdAt]);
        const contacts = c.spaces.filter((sp) => sp.type === 'IM_ROBOT' && !/^3\d+$/.test(sp.id));
        if (!contactDeliveries.has(title)) contactDeliveries.set(title, contacts.map((sp) => sp.deliveredAt ?? c.createdAt));
      }
      return byTitle;
    };
    const until = Date.now() + 30_000;
    let cards = cardOf();
    while (Date.now() < until && sent.some((s) => !cards.has(s.text))) {
      await sleep(500);
      cards = cardOf();
    }
    // Percentiles of the measured messages (after the warm-up) and, apart, of the warm-up's; lost and duplicated
    // cards of every message sent.
    const ack: number[] = [];
    const card: number[] = [];
    const warmAck: number[] = [];
    const warmCard: number[] = [];
    /** Message → each service-team contact's delivery of the same card (measured messages only). */
    const contactCard: number[] = [];
    let lost = 0;
    let duplicated = 0;
    let lastCard = measuredFrom;
    sent.forEach((s, i) => {
      const warming = i < warmupCount;
      const acks = emu.emulator.acks(s.messageId);
      if (acks[0]) (warming ? warmAck : ack).push(acks[0].at - s.at);
      const got = cards.get(s.text);
      if (!got) {
        lost++;
        return;
      }
      if (got.length > 1) duplicated += got.length - 1;
      (warming ? warmCard : card).push(got[0]! - s.at);
      if (!warming) for (const at of contactDeliveries.get(s.text) ?? []) contactCard.push(at - s.at);
      if (!warming) lastCard = Math.max(lastCard, got[0]!);
    });
    const timelineAt = process.argv.indexOf('--timeline');
    if (timelineAt >= 0) {
      // One line per second of the run: messages sent, and the p50/p99/max of message → card of those messages.
      const perSecond = new Map<number, number[]>();
      for (const s of sent) {
        const got = cards.get(s.text);
        const sec = Math.floor((s.at - start) / 1000);
        perSecond.set(sec, [...(perSecond.get(sec) ?? []), got ? got[0]! - s.at : Number.NaN]);
      }
      const lines = [...perSecond].map(([sec, l]) => {
        const ok = l.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
        return `${sec}s sent ${l.length} card p50 ${fmt(percentile(ok, 50))} p99 ${fmt(percentile(ok, 99))} max ${fmt(ok[ok.length - 1] ?? 0)}`;
      });
      fs.writeFileSync(process.argv[timelineAt + 1] ?? 'bench-intake-timeline.txt', lines.join('\n') + '\n');
    }
    for (const l of [ack, card, warmAck, warmCard, contactCard]) l.sort((a, b) => a - b);
    const handledRate = card.length / ((lastCard - measuredFrom) / 1000);
    console.log(
      `database: ${cfg.database.url ? 'mysql' : 'sqlite'}${serverNote}; timers: ${cfg.redisUrl ? 'Bull/Redis' : 'in-process'}; ${botCount} bot process(es); ${people} people; offered ${rate}/s for ${warmup} s of warm-up + ${seconds} s measured`,
    );
    console.log(
      `warm-up (first ${warmup} s, not in the figures below): ack p99 ${fmt(percentile(warmAck, 99))} ms; card p50 ${fmt(percentile(warmCard, 50))} ms p99 ${fmt(percentile(warmCard, 99))} ms max ${fmt(warmCard[warmCard.length - 1] ?? 0)} ms`,
    );
    console.log(`ack   p50 ${fmt(percentile(ack, 50))} ms  p99 ${fmt(percentile(ack, 99))} ms  max ${fmt(ack[ack.length - 1] ?? 0)} ms  (${ack.length} acks)`);
    console.log(`card  p50 ${fmt(percentile(card, 50))} ms  p99 ${fmt(percentile(card, 99))} ms  max ${fmt(card[card.length - 1] ?? 0)} ms`);
    const calls = Object.entries(emu.emulator.apiCallCounts())
      .sort((a, b) => b[1] - a[1])
      .map(([api, n]) => `${api} ${(n / total).toFixed(2)}`);
    console.log(`DingTalk API calls per message: ${calls.join(', ')}`);
    const throttled = emu.emulator.throttledCounts();
    if (qps > 0) console.log(`throttled calls per API (limit ${qps} per sliding second): ${JSON.stringify(throttled)}`);
    // Calls per message: every OpenAPI call, tokens and the Stream gateway left out.
    const apiCalls = Object.entries(emu.emulator.apiCallCounts())
      .filter(([api]) => !UNMETERED_APIS.has(api))
      .reduce((sum, [, n]) => sum + n, 0);
    const budget =
      qps > 0
        ? `; calls/msg ${(apiCalls / total).toFixed(2)}; throttled ${emu.emulator.throttledTotal()}; contact card p99 ${fmt(percentile(contactCard, 99))} ms`
        : '';
    console.log(
      `bench:intake: ${handledRate.toFixed(0)} msg/s; ack p99 ${fmt(percentile(ack, 99))} ms; card p99 ${fmt(percentile(card, 99))} ms; lost ${lost}; duplicated ${duplicated}${budget}`,
    );
  } finally {
    await Promise.all(bots.map((bot) => bot.stop()));
    await emu.close();
  }
}

runCli('bench:intake', main, true);
