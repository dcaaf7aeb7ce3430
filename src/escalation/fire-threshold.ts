/**
 * A threshold falls due (a timer job or the reconciler): reload the ticket, re-check that the level still applies
 * to its current deadlines, and in ONE transaction flip the row armed → fired (only one process can), apply the
 * level's state effect, record the breach in history, remember the notified leads, write the notices and an outbox
 * event. Anything no longer applicable is marked stale; a job that arrives early leaves the row armed.
 */
import type { Directory } from '../domain/directory/directory';
import { planThresholds } from '../domain/escalation/plan-thresholds';
import type { EscalationTx, ThresholdRow } from '../domain/ports/escalation-store.port';
import { systemActor } from '../domain/tickets/actor';
import { decide } from '../domain/tickets/lifecycle';
import type { Ticket } from '../domain/tickets/ticket';
import { applyDecision, toEvent } from '../application/unit-of-work/apply-decision';
import { updateGuarded } from '../application/unit-of-work/lost-race';
import { UnitOfWork } from '../application/unit-of-work/unit-of-work';
import type { EscalationDeps } from './escalation-deps';

export type FireOutcome = 'fired' | 'already' | 'stale' | 'early' | 'gone';

/** A job may arrive this much before its due time (timer granularity) and still fire. */
const EARLY_TOLERANCE_MS = 25;
/** A concurrent change of the ticket (a person acting on it meanwhile): the firing is tried again this often. */
const ATTEMPTS = 5;
const SYSTEM = systemActor('escalation');

export async function fireThreshold(
  deps: EscalationDeps,
  key: Pick<ThresholdRow, 'ticketId' | 'level' | 'deadlineVersion'>,
): Promise<FireOutcome> {
  const dir = await deps.directory.current();
  if (!dir) return 'early';
  // The urgent lane (escalation-deps.ts `firingStore`): a storm's intake does not make the firing wait for a connection.
  const uow = new UnitOfWork(deps.firingStore ?? deps.store, { maxAttempts: ATTEMPTS });
  const done = await uow.attempt(() => uow.transaction((tx) => fireInTx(deps, dir, tx, key)));
  // Still losing to other writers: left armed, for the next job or sweep.
  if (!done.won) return 'early';
  const outcome = done.value;
  if (outcome.fired) {
    deps.metrics.fired(key.level, outcome.latenessMs);
    if (outcome.latenessMs > 5000) {
      deps.log.error('escalation.fired_late', { ticketId: key.ticketId, level: key.level, latenessMs: outcome.latenessMs });
    }
    return 'fired';
  }
  return outcome.result;
}

async function fireInTx(
  deps: EscalationDeps,
  dir: Directory,
  tx: EscalationTx,
  key: Pick<ThresholdRow, 'ticketId' | 'level' | 'deadlineVersion'>,
): Promise<{ fired: true; latenessMs: number } | { fired: false; result: FireOutcome }> {
  const now = deps.clock.now();
  const rows = await tx.thresholds(key.ticketId);
  const row = rows.find((r) => r.level === key.level && r.deadlineVersion === key.deadlineVersion);
  if (!row) return { fired: false, result: 'gone' };
  if (row.status !== 'armed') return { fired: false, result: 'already' };
  const ticket = await tx.get(key.ticketId);
  const level = deps.ladder.levels.find((l) => l.code === key.level);
  if (!ticket || !level || ticket.deadlineVersion !== key.deadlineVersion) {
    await tx.markStale(key);
    return { fired: false, result: 'stale' };
  }
  const fired = rows.filter((r) => r.status === 'fired');
  const planned = planThresholds(ticket, deps.ladder, fired, deps.counters(dir)).find((p) => p.level === key.level);
  if (!planned) {
    await tx.markStale(key);
    return { fired: false, result: 'stale' };
  }
  if (planned.dueAt.getTime() - now.getTime() > EARLY_TOLERANCE_MS) return { fired: false, result: 'early' };

  const latenessMs = Math.max(0, now.getTime() - row.dueAt.getTime());
  const unassigned = ticket.agent === null;
  const assigneePart = level.metric === 'ttr' && unassigned ? 'pending' : 'none';
  if (!(await tx.markFired(key, now, latenessMs, assigneePart))) return { fired: false, result: 'already' };

  // Who is told (rendered on the ticket as it will be after the effect), and the leads among them, who may
  // then assign it (docs/domain.md §1).
  const ctx = { dir, actor: SYSTEM.person, entryPoint: SYSTEM.entryPoint, now, counter: deps.counters(dir) };
  const effect =
    level.effect === 'escalated_tto' && ticket.status === 'new'
      ? decide(ticket, { type: 'escalate_tto' }, ctx)
      : level.effect === 'escalated_ttr' && ticket.status === 'assigned'
        ? decide(ticket, { type: 'escalate_ttr' }, ctx)
        : null;
  const after = effect?.ok ? effect.value.ticket : ticket;
  const eventKey = `threshold:${ticket.id}-${level.code}-${key.deadlineVersion}`;
  const drafts = deps.notices.compose({
    eventKey,
    eventCode: level.event,
    ticket: after,
    dir,
    actor: null,
    part: assigneePart === 'pending' ? 'without_assignee' : 'all',
    now,
    extras: { level: level.code, deadline: level.metric === 'tto' ? ticket.tto.deadline : ticket.ttr.deadline },
  });
  const told = drafts.filter((n) => n.status === 'pending' && n.via.includes('lead')).map((n) => n.personId);
  const newLeads = told.filter((p) => !after.notifiedLeads.includes(p));
  const withLeads = newLeads.length ? { notifiedLeads: [...after.notifiedLeads, ...newLeads] } : {};

  let current: Ticket;
  if (effect?.ok) {
    const decision = { ...effect.value, ticket: { ...effect.value.ticket, ...withLeads } };
    current = await applyDecision(tx, ticket, decision, `threshold_${level.code}`, SYSTEM);
  } else {
    current = ticket;
    if (newLeads.length) {
      current = await updateGuarded(tx, { ...ticket, ...withLeads }, ticket.version);
    }
    await tx.appendHistory([
      { ticketId: ticket.id, at: now, actor: SYSTEM.person, entryPoint: SYSTEM.entryPoint, action: `threshold_${level.code}`, changes: [] },
    ]);
  }
  await tx.addNotices(drafts);
  await tx.appendOutbox([
    toEvent(current, {
      type: 'ThresholdReached',
      actor: SYSTEM.person,
      entryPoint: SYSTEM.entryPoint,
      at: now,
      data: { level: level.code, event: level.event, dueAt: row.dueAt.toISOString(), latenessMs, assigneePart },
    }),
  ]);
  return { fired: true, latenessMs };
}
