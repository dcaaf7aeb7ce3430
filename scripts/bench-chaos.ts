/**
 * npm run bench:chaos [-- --seconds S --rate R --people N --bots B --drill D --tto T --settle W --keep]
 * Reliability under crashes. The bench starts its own MariaDB (`mariadb-install-db` + `/usr/sbin/mariadbd`) and
 * Redis (`redis-server`, no persistence) on free ports under one temporary directory, the DingTalk emulator in this
 * process (it outlives every bot), and B bot processes (default 2; `node dist/src/main.js`, Stream mode against the
 * emulator with its generated credentials, one shared SPOOL_DIR). N people (default 2,000) write R distinct
 * requests/s (default 30) for S seconds (default 120); D of them (default 200, from people of 广州分公司-销售 whose
 * contract has a T-second TTO, default 5) are spread over the run so that each TTO falls due during it (the others
 * keep the standard SLA). At fixed fractions of the run: `kill -9` of bot 0 (15 %) and bot 1 (30 %), `kill -9` of
 * Redis (45 %: it comes back empty, Bull's delayed jobs are gone), a real MariaDB stop (SIGTERM) for 3 s (55 %),
 * `kill -9` of bot 0 (70 %) and bot 1 (85 %); each is restarted at once (MariaDB after its 3 s).
 * After the load, up to W seconds (default 120) for the system to settle, then it counts from the database and the
 * emulator (scripts/chaos-counts.ts): lost, lost in flight, duplicate tickets, tickets missing a card, unrecorded
 * cards, escalations missed/duplicated, duplicate answers and notices. Progress on stderr; details, the bots'
 * warnings and errors by event, and the docs/interfaces.md summary line on stdout. Every process it started is
 * stopped and the temporary directory removed at the end (`--keep` keeps the directory: data, spool and logs).
 */
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDirectoryFile } from '../src/adapters/directory/directory-yaml';
import { openDatabase, type Database } from '../src/adapters/persistence/data-source';
import { TypeormDirectoryStore } from '../src/adapters/persistence/typeorm-directory-store';
import { formatRef, type TicketKind } from '../src/domain/tickets/ticket';
import { startDingTalkEmulator, type RunningDingTalkEmulator } from '../src/emulator';
import { argNumber, messageTag, syntheticPeople, botEnvironment } from './bench-support';
import { chaosSummaryLine, countChaos, refOfCard, type BotLine, type ChaosCounts, type EmulatorCard, type SentMessage } from './chaos-counts';
import { ChaosMariaDb, ChaosRedis, exited, killAllChildren, spawnTracked, stop } from './chaos-services';
import { runCli } from './cli-database';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DRILL_SLA = 'sla-chaos-drill';
/** The contract of 广州分公司-销售 for GZ-销售运营: its requests escalate to gz-sales-ops' lead. */
const DRILL_CONTRACT = 'GZ-销售运营';

interface Sent {
  msgId: string;
  messageId: string;
  userId: string;
  drill: boolean;
  at: number;
}

async function main(): Promise<void> {
  const seconds = argNumber('seconds', 120);
  const rate = argNumber('rate', 30);
  const people = argNumber('people', 2000);
  const botCount = argNumber('bots', 2);
  const drillCount = Math.min(argNumber('drill', 200), people);
  const tto = argNumber('tto', 5);
  const settle = argNumber('settle', 120);
  const keep = process.argv.includes('--keep');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chaos-'));
  const say = (line: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 23)}] ${line}\n`);
  const cleanupDir = () => {
    if (keep) say(`kept ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  };
  process.on('exit', killAllChildren);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      killAllChildren();
      cleanupDir();
      process.exit(130);
    });
  }

  let mariadb: ChaosMariaDb | null = null;
  let redis: ChaosRedis | null = null;
  let emu: RunningDingTalkEmulator | null = null;
  const bots: Array<ChildProcess | null> = Array.from({ length: botCount }, () => null);
  try {
    mariadb = await ChaosMariaDb.create(path.join(root, 'mariadb'));
    redis = await ChaosRedis.create(path.join(root, 'redis'));
    say(`MariaDB on ${mariadb.port}, Redis on ${redis.port}, files under ${root}`);

    // Directory: the demo company; D drill people in 广州分公司-销售 (a T-second TTO), the rest in 北京分公司-销售.
    const demo = await loadDirectoryFile('config/demo-directory.yaml');
    if (!demo.ok) throw new Error('directory file invalid');
    const data = demo.value.data;
    data.slas.push({
      code: DRILL_SLA,
      name: 'chaos drill',
      calendar: '24x7',
      status: 'active',
      targets: ([1, 2, 3, 4] as const).flatMap((priority) => [
        { metric: 'tto' as const, priority, requestType: '*', value: tto, unit: 'seconds' as const },
        { metric: 'ttr' as const, priority, requestType: '*', value: 3600, unit: 'seconds' as const },
      ]),
    });
    const drillContract = data.contracts.find((c) => c.code === DRILL_CONTRACT);
    if (!drillContract) throw new Error(`no contract ${DRILL_CONTRACT} in the demo directory`);
    drillContract.sla = DRILL_SLA;
    const synthetic = syntheticPeople(
      people,
      'chaos',
      (i) => (i < drillCount ? 'gz-sales' : 'bj-sales'),
      (i) => `混沌${i < drillCount ? '广州' : '北京'}${messageTag(i)}`,
    );
    data.people.push(...synthetic);
    const setup = await openDatabase({ url: mariadb.url });
    await new TypeormDirectoryStore(setup).importData(data, { prune: false, now: new Date() });
    await setup.close();

    const total = Math.round(rate * seconds);
    emu = await startDingTalkEmulator({
      // Keep every frame, card and line of the run (the emulator trims its history lists).
      maxHistory: total * 4 + 10_000,
      people: data.people.filter((p) => p.dingtalkUserId).map((p) => ({ personId: p.id, name: p.name, dingtalkUserId: p.dingtalkUserId! })),
    });
    const emulator = emu.emulator;
    const spoolDir = path.join(root, 'spool');
    const botEnv = botEnvironment(emu, {
      DATABASE_URL: mariadb.url,
      REDIS_URL: redis.url,
      SPOOL_DIR: spoolDir,
      DINGTALK_API_QPS: '0',
    });
    const botLog = (slot: number) => path.join(root, `bot-${slot}.log`);
    const startBot = (slot: number) => {
      bots[slot] = spawnTracked(process.execPath, [path.join(__dirname, '..', 'src', 'main.js')], { env: botEnv, logFile: botLog(slot) });
    };
    for (let slot = 0; slot < botCount; slot++) startBot(slot);
    await emulator.waitFor(() => emulator.liveConnectionCount() >= botCount, 60_000, 'the bots to connect');
    await sleep(1000);

    // The chaos, at fixed fractions of the run; each victim restarted at once (MariaDB after 3 s down).
    const start = Date.now();
    const rel = (t: number) => `${((t - start) / 1000).toFixed(1)} s`;
    const events: string[] = [];
    const note = (line: string) => {
      events.push(line);
      say(line);
    };
    const killBot = async (slot: number) => {
      const child = bots[slot];
      if (!child || slot >= botCount) return;
      const at = Date.now();
      await stop(child, 'SIGKILL');
      startBot(slot);
      note(`${rel(at)}: kill -9 bot ${slot} (pid ${child.pid}); restarted`);
      const t0 = Date.now();
      await emulator.waitFor(() => emulator.liveConnectionCount() >= botCount, 60_000, `bot ${slot} to reconnect`).catch(() => undefined);
      note(`${rel(Date.now())}: bot ${slot} connected again ${((Date.now() - t0) / 1000).toFixed(1)} s after its restart`);
    };
    const chaos: Array<[number, () => Promise<void>]> = [
      [0.15, () => killBot(0)],
      [0.3, () => killBot(1)],
      [
        0.45,
        async () => {
          const at = Date.now();
          await redis!.kill();
          await redis!.start();
          note(`${rel(at)}: kill -9 Redis; restarted empty, answering after ${((Date.now() - at) / 1000).toFixed(1)} s`);
        },
      ],
      [
        0.55,
        async () => {
          const at = Date.now();
          await mariadb!.stop();
          const stopped = Date.now();
          await sleep(Math.max(0, at + 3000 - Date.now()));
          await mariadb!.start();
          note(`${rel(at)}: MariaDB stopped (SIGTERM, exited after ${((stopped - at) / 1000).toFixed(1)} s), started again: accepting after ${((Date.now() - at) / 1000).toFixed(1)} s`);
        },
      ],
      [0.7, () => killBot(0)],
      [0.85, () => killBot(1)],
    ];
    const chaosDone = Promise.all(
      chaos.map(async ([fraction, act]) => {
        await sleep(start + fraction * seconds * 1000 - Date.now());
        await act();
      }),
    );

    // Load: R messages/s, each distinct; the drill messages spread over the run so that each TTO falls due in it.
    const sent: Sent[] = [];
    const drillSpan = Math.max(1, Math.floor(rate * Math.max(1, seconds - tto - 10)));
    const drillEvery = Math.max(1, Math.floor(drillSpan / Math.max(drillCount, 1)));
    const regular = synthetic.slice(drillCount);
    let drills = 0;
    let regularTurn = 0;
    const progress = setInterval(() => {
      const acked = sent.filter((s) => emulator.acks(s.messageId).some((a) => a.code === 200)).length;
      say(`${rel(Date.now())}: sent ${sent.length}, acknowledged ${acked}, live connections ${emulator.liveConnectionCount()}, held ${emulator.heldFrameCount()}`);
    }, 5000);
    for (let i = 0; i < total; i++) {
      const wait = start + (i * 1000) / rate - Date.now();
      if (wait > 1) await sleep(wait);
      const drill = drills < drillCount && i % drillEvery === 0 && i < drillSpan;
      const person = drill ? synthetic[drills++]! : regular[regularTurn++ % regular.length]!;
      const m = emulator.sendRobotMessage({ fromUserId: person.dingtalkUserId, text: `商户${messageTag(i)}订的货今天没有送货` });
      sent.push({ msgId: m.msgId, messageId: m.messageId, userId: person.dingtalkUserId, drill, at: Date.now() });
    }
    const loadEnd = Date.now();
    say(`offered ${total} messages (${drills} drill) in ${((loadEnd - start) / 1000).toFixed(1)} s; waiting for the chaos to finish`);
    await chaosDone;
    clearInterval(progress);

    // Settle: count until nothing is missing any more (or W seconds), then once more after 5 s for late duplicates.
    const db = await openDatabase({ url: mariadb.url });
    const count = () => countOnce(db, emulator, sent, data.people.map((p) => p.dingtalkUserId).filter((u): u is string => !!u));
    const settleUntil = Date.now() + settle * 1000;
    let counts = await count();
    while (Date.now() < settleUntil && missing(counts) > 0) {
      say(`settling: lost ${counts.lost.length}, missing cards ${counts.ticketsMissingCards.length}, unrecorded cards ${counts.unrecordedCards.length}, escalations missed ${counts.escalationsMissed.length}`);
      await sleep(3000);
      counts = await count();
    }
    const settledIn = (Date.now() - loadEnd) / 1000;
    await sleep(5000);
    counts = await count();
    await db.close();

    // Report.
    console.log(
      `bench:chaos setup: ${botCount} bot processes; ${people} people; ${rate} msg/s offered for ${seconds} s; ${drills} drill requests with a ${tto} s TTO; MariaDB ${mariadb.port} and Redis ${redis.port} of their own; ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`,
    );
    for (const e of events) console.log(`chaos ${e}`);
    console.log(`settled ${missing(counts) === 0 ? `${settledIn.toFixed(0)} s after the load` : `NOT within ${settle} s`}`);
    console.log(`acknowledged ${counts.acknowledged} of ${counts.messages}; refused (error ACK, no ticket) ${counts.refused.length}; never pushed ${counts.neverPushed.length}`);
    printLostInFlight(emulator, sent, counts, start);
    printExamples(counts);
    printBotLogs(botCount, botLog);
    console.log(chaosSummaryLine(counts));
  } finally {
    await Promise.all(
      bots.map(async (bot) => {
        if (!bot) return;
        const timer = setTimeout(() => bot.kill('SIGKILL'), 15_000);
        await stop(bot, 'SIGTERM');
        clearTimeout(timer);
      }),
    );
    await emu?.close();
    await redis?.stop();
    await mariadb?.stop();
    const mariadbChild = mariadb?.child;
    if (mariadbChild) await exited(mariadbChild);
    cleanupDir();
  }
}

const missing = (c: ChaosCounts) => c.lost.length + c.ticketsMissingCards.length + c.unrecordedCards.length + c.escalationsMissed.length;

async function countOnce(db: Database, emulator: RunningDingTalkEmulator['emulator'], sent: Sent[], userIds: string[]): Promise<ChaosCounts> {
  const q = (sql: string) => db.ds.query(sql) as Promise<Array<Record<string, unknown>>>;
  const tickets = (await q('SELECT id, kind, source_msg FROM tickets WHERE source_msg IS NOT NULL')).map((r) => ({
    id: Number(r.id),
    ref: formatRef(r.kind as TicketKind, Number(r.id)),
    sourceMsg: String(r.source_msg),
  }));
  const recorded = new Set((await q('SELECT out_track_id FROM ticket_cards')).map((r) => String(r.out_track_id)));
  const thresholds = (await q("SELECT ticket_id, level, status, due_at FROM ticket_thresholds WHERE level = 'tto'")).map((r) => ({
    ticketId: Number(r.ticket_id),
    level: String(r.level),
    status: String(r.status),
    dueAt: new Date(r.due_at as string | Date).getTime(),
  }));
  const notices = (await q("SELECT ticket_id, event_code, user_id, title FROM notices WHERE event_code = 'tto'")).map((r) => ({
    ticketId: Number(r.ticket_id),
    eventCode: String(r.event_code),
    userId: r.user_id === null ? null : String(r.user_id),
    title: String(r.title),
  }));
  const messages: SentMessage[] = sent.map((s) => {
    const acks = emulator.acks(s.messageId);
    return {
      msgId: s.msgId,
      userId: s.userId,
      pushed: (emulator.frame(s.messageId)?.pushedTo.length ?? 0) > 0,
      ack: acks.some((a) => a.code === 200) ? 'ok' : acks.length > 0 ? 'refused' : 'none',
    };
  });
  const cards: EmulatorCard[] = emulator.cards().map((c) => ({
    outTrackId: c.outTrackId,
    ref: refOfCard(c.outTrackId, c.publicData),
    dmUserIds: c.spaces.filter((s) => s.type === 'IM_ROBOT').map((s) => s.id),
    ...(c.publicData.status === 'digest' ? { digestFields: c.publicData.fields ?? '' } : {}),
  }));
  const lines: BotLine[] = userIds.flatMap((userId) =>
    emulator
      .messagesReceivedBy(userId)
      .filter((e) => e.kind !== 'card')
      .map((e) => ({ userId, via: e.via, title: e.title ?? '', text: e.text ?? '' })),
  );
  const drillMsgs = new Set(sent.filter((s) => s.drill).map((s) => s.msgId));
  return countChaos({
    messages,
    tickets,
    cards,
    recordedCards: recorded,
    lines,
    // Every drill ticket's TTO falls due during the run by construction (filed at least T + 10 s before its end).
    escalating: { ticketIds: tickets.filter((t) => drillMsgs.has(t.sourceMsg)).map((t) => t.id), dueBy: Number.POSITIVE_INFINITY },
    thresholds,
    notices,
  });
}

/** Lost in flight, by the connection they were pushed to and when it closed (a kill shows as one closing time). */
function printLostInFlight(emulator: RunningDingTalkEmulator['emulator'], sent: Sent[], counts: ChaosCounts, start: number): void {
  const closedAt = new Map(emulator.connections().map((c) => [c.id, c.closedAt]));
  const byMsg = new Map(sent.map((s) => [s.msgId, s]));
  const groups = new Map<string, number>();
  for (const msgId of counts.lostInFlight) {
    const s = byMsg.get(msgId)!;
    const conn = emulator.frame(s.messageId)?.pushedTo.at(-1) ?? '?';
    const closed = closedAt.get(conn);
    const key = closed ? `connection closed at ${((closed - start) / 1000).toFixed(1)} s` : 'connection still open';
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const pct = counts.messages ? ((100 * counts.lostInFlight.length) / counts.messages).toFixed(2) : '0';
  console.log(`lost in flight ${counts.lostInFlight.length} (${pct} %): ${[...groups].map(([k, n]) => `${k}: ${n}`).join('; ') || '-'}`);
}

function printExamples(c: ChaosCounts): void {
  const show = (what: string, list: string[]) => {
    if (list.length > 0) console.log(`${what} (${list.length}): ${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''}`);
  };
  show('lost', c.lost);
  show('tickets missing cards', c.ticketsMissingCards);
  show('unrecorded cards', c.unrecordedCards);
  show('escalations missed', c.escalationsMissed);
  show('escalations duplicated', c.escalationsDuplicated);
  show('tickets answered more than once', c.examples.duplicateAnswers);
  show('notices delivered more than once', c.examples.duplicateNotices);
  const pct = (n: number) => (c.messages ? ((100 * n) / c.messages).toFixed(2) : '0');
  console.log(`duplicate answers ${c.duplicateAnswers} (${pct(c.duplicateAnswers)} %); duplicate notices ${c.duplicateNotices} (${pct(c.duplicateNotices)} %)`);
}

/** The bots' warnings and errors, by event name, over every generation of each process. */
function printBotLogs(botCount: number, botLog: (slot: number) => string): void {
  const events = new Map<string, number>();
  let other = 0;
  for (let slot = 0; slot < botCount; slot++) {
    const text = fs.existsSync(botLog(slot)) ? fs.readFileSync(botLog(slot), 'utf8') : '';
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as { level?: string; message?: string };
        const key = `${entry.level ?? '?'} ${entry.message ?? '?'}`;
        events.set(key, (events.get(key) ?? 0) + 1);
      } catch {
        other += 1;
      }
    }
  }
  const top = [...events].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log(`bot log events (warn and above, all processes): ${top.map(([k, n]) => `${k} ×${n}`).join('; ') || '-'}${other ? `; ${other} non-JSON lines` : ''}`);
}

runCli('bench:chaos', main, true);
