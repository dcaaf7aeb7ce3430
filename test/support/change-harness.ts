/**
 * Changes wired on a chat harness (SQLite, recording gateway, fake clock), with a recording timer port, and the
 * outbox and notice machinery as the program runs them: a dispatcher over the reactions (the ticket card and the
 * change card first, then the escalation layer's trigger-table notices, the change clocks' jobs and the closing of
 * linked incidents) and the notice deliverer. Every change commit drains both (`settle`), as `kick` would.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { TicketService } from '../../src/application/tickets/ticket-service';
import { changesOn, reactToChanges } from '../../src/compose-changes';
import { cardUpdateReaction, changeCardReaction } from '../../src/bot/app/chat-app';
import { OutboxDispatcher } from '../../src/application/outbox/outbox-dispatcher';
import { OutboxReactions } from '../../src/application/outbox/reactions';
import { loadChangeTriggers, loadTriggerTable } from '../../src/adapters/config/load-rules';
import { escalationDepsOn } from '../../src/compose-escalation';
import { eventCodeOf } from '../../src/domain/notifications/event-codes';
import { noMetrics } from '../../src/domain/ports/escalation-metrics.port';
import { NoticeDeliverer } from '../../src/escalation/notice-deliverer';
import { registerEscalationReactions } from '../../src/escalation/react-to-ticket-events';
import { countersFor } from '../../src/domain/calendar/calendar-counters';
import { parseChangeTemplates } from '../../src/domain/changes/change-template.schema';
import { Directory } from '../../src/domain/directory/directory';
import type { DirectoryData } from '../../src/domain/directory/directory.types';
import { silentLog } from '../../src/domain/ports/log.port';
import type { ThresholdHandler, ThresholdJob, ThresholdScheduler } from '../../src/domain/ports/threshold-scheduler.port';
import { chatHarness, type ChatHarness } from './chat-harness';

export const CHANGES_YAML = path.join(__dirname, '..', '..', 'config', 'changes.yaml');

/** Records what is armed and cancelled; tests fire jobs themselves (`fireDue`). */
export class RecordingScheduler implements ThresholdScheduler {
  readonly armed = new Map<string, ThresholdJob>();
  readonly cancelled: string[] = [];
  handler: ThresholdHandler | null = null;
  async schedule(jobs: readonly ThresholdJob[]) {
    for (const j of jobs) this.armed.set(j.jobId, j);
  }
  async cancel(ids: readonly string[]) {
    for (const id of ids) if (this.armed.delete(id)) this.cancelled.push(id);
  }
  async start(handler: ThresholdHandler) {
    this.handler = handler;
  }
  async stop() {}
  async health() {
    return { state: 'up' as const };
  }
  /** Run the handler of every armed job due at `now` (as the queue would), removing them. */
  async fireDue(now: Date): Promise<string[]> {
    const due = [...this.armed.values()].filter((j) => j.dueAt.getTime() <= now.getTime());
    for (const j of due) {
      this.armed.delete(j.jobId);
      await this.handler!(j);
    }
    return due.map((j) => j.jobId);
  }
}

export interface ChangeHarnessOptions {
  /** What the closing reaction resolves through (default the harness's ticket service): a flaky one for retries. */
  closeWith?: (tickets: TicketService) => Pick<TicketService, 'resolveByChange'>;
}

export async function changeHarness(
  adjust?: (d: DirectoryData, yaml: { templates: Array<Record<string, unknown>> }) => void,
  options: ChangeHarnessOptions = {},
) {
  const yaml = parse(fs.readFileSync(CHANGES_YAML, 'utf8')) as { templates: Array<Record<string, unknown>> };
  let h: ChatHarness;
  h = await chatHarness((d) => adjust?.(d, yaml));
  const dir = (await h.directory.current()) as Directory;
  const templates = parseChangeTemplates(yaml, dir);
  if (!templates.ok) throw new Error(JSON.stringify(templates.error));
  const scheduler = new RecordingScheduler();
  const triggers = await loadTriggerTable();
  if (!triggers.ok) throw new Error(triggers.error.join('\n'));
  const changeTriggers = await loadChangeTriggers(undefined, dir);
  if (!changeTriggers.ok) throw new Error(changeTriggers.error.join('\n'));
  const reactions = new OutboxReactions();
  const dispatcher = new OutboxDispatcher(h.outbox, reactions, h.clock, silentLog, { owner: 'test', backoffMs: 1000 });
  const deliverer = new NoticeDeliverer(h.notices, h.gateway, h.clock, noMetrics, silentLog, { backoffMs: 1000 });
  /** Hand the committed events to the reactions, then deliver the due notices (until nothing is left to do). */
  const settle = async (): Promise<void> => {
    while ((await dispatcher.drain()) + (await deliverer.drain()) > 0);
  };
  const wired = changesOn(h.db, {
    templates: templates.value,
    tickets: h.tickets,
    directory: h.directory,
    clock: h.clock,
    counters: (d) => countersFor(d),
    scheduler,
    locale: 'zh-CN',
    log: silentLog,
    afterCommit: settle,
    triggers: changeTriggers.value,
  });
  h.deps.changes = wired.changes;
  reactions.registerFirst(cardUpdateReaction(h.deps));
  registerEscalationReactions(reactions, escalationDepsOn(h.db, { directory: h.directory, scheduler: new RecordingScheduler(), clock: h.clock, triggers: triggers.value }), eventCodeOf);
  reactToChanges(reactions, wired, changeCardReaction(h.deps, changeTriggers.value), { tickets: options.closeWith?.(h.tickets) ?? h.tickets, log: silentLog });
  await wired.clocks.start();
  return { h, ...wired, scheduler, reactions, dispatcher, deliverer, settle };
}
