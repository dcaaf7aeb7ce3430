/**
 * The chat effects of a committed change event, an outbox reaction (docs/changes.md §6): the change card delivered
 * to the step team's contacts when a step becomes current (or is resubmitted), updated in place for every holder;
 * text notices to the others written as notice rows (one per person, keyed by the event), which the notice
 * deliverer sends as one message per distinct text and retries. Idempotent: it renders the change as stored now; a
 * card that could not be delivered fails the event, so the dispatcher runs it again; the notice rows of an event
 * are written once whatever the number of runs.
 */
import type { Reaction } from '../../application/outbox/reactions';
import { formatChangeRef, type Change } from '../../domain/changes/change';
import { SYSTEM_ACTOR } from '../../domain/tickets/actor';
import { formatRef } from '../../domain/tickets/ticket';
import { changeEventOf } from '../../domain/changes/change-outbox';
import type { ChangeEvent } from '../../domain/changes/change-lifecycle';
import { changeRecipients, DEFAULT_CHANGE_TRIGGERS, type ChangeTriggerEvent, type ChangeTriggers } from '../../domain/changes/change-triggers';
import type { Directory } from '../../domain/directory/directory';
import type { Person } from '../../domain/directory/directory.types';
import type { CardSpace, DeliveryReport } from '../../domain/ports/chat-gateway.port';
import type { NoticeDraft } from '../../domain/ports/notice-store.port';
import type { Locale } from '../../domain/shared/locale';
import type { ChatLayerDeps } from '../chat-deps';
import { changeCatalog } from '../views/replies/change-catalog';
import { renderChangeCard } from '../views/changes/render-change-card';
import { fill } from '../views/replies/plain-text';

/** Everyone holding the card: the requester and the card receivers of every step that has been current. */
export function changeCardHolders(dir: Directory, c: Change, triggers: ChangeTriggers = DEFAULT_CHANGE_TRIGGERS): Person[] {
  const out = new Map<string, Person>();
  const requester = dir.person(c.requester);
  if (requester) out.set(requester.id, requester);
  c.steps.forEach((s, i) => {
    if (!s.startedAt) return;
    for (const e of ['step_current', 'resubmitted'] as const) for (const p of changeRecipients(dir, triggers, e, c, i)) out.set(p.id, p);
  });
  return [...out.values()];
}

type NoticeKey = keyof ReturnType<typeof changeCatalog>['notice'];

interface Notice {
  to: Person;
  key: NoticeKey;
}

/**
 * Who hears a text notice of the event, and which text (the trigger table's change rows); the card events
 * (`step_current`, `resubmitted`) are cards, not texts.
 */
function noticesOf(dir: Directory, triggers: ChangeTriggers, c: Change, e: ChangeEvent, problemAssignees: readonly string[]): Notice[] {
  const step = c.steps[e.step]!;
  const rows = (event: ChangeTriggerEvent, key: NoticeKey, requesterKey: NoticeKey = key): Notice[] =>
    changeRecipients(dir, triggers, event, c, e.step, problemAssignees).map((to) => ({ to, key: to.id === c.requester ? requesterKey : key }));
  switch (e.type) {
    case 'ChangeStepPassed':
      return rows('step_passed', 'ChangeStepPassed');
    case 'ChangeStepReturned':
      // A failed implement/verify (something may be deployed): the rollback text, the requester the reason.
      return step.kind === 'approve' ? rows('step_rejected', 'ChangeStepReturned') : rows('step_failed', 'rollback', 'ChangeStepReturned');
    case 'ChangeSucceeded':
      return rows('successful', 'ChangeSucceeded');
    case 'ChangeCancelled':
      return rows('cancelled', 'ChangeCancelled');
    default:
      return [];
  }
}

const localeOf = (p: Person, fallback: Locale): Locale => p.locale ?? fallback;

/** A retryable failure fails the event (the dispatcher runs it again); the others are logged. */
function mustDeliver(report: DeliveryReport, what: string): void {
  const retry = report.failed.filter((f) => f.retryable);
  if (retry.length) throw new Error(`${what}: ${retry.length} not delivered (${retry[0]!.code})`);
}

/**
 * The closing's one text (docs/changes.md §5): to each distinct caller of the tickets it resolved but the
 * requester (told of the success already), once, naming the
 * change (one distinct text per locale: the deliverer sends it as one batched message). Keyed by the change, so a
 * replayed event writes nothing new.
 */
function linkedResolvedNotices(deps: ChatLayerDeps, dir: Directory, c: Change, callers: unknown, now: Date): NoticeDraft[] {
  const ref = formatChangeRef(c.id);
  const ids = Array.isArray(callers) ? callers.filter((x): x is string => typeof x === 'string') : [];
  const out: NoticeDraft[] = [];
  for (const id of new Set(ids)) {
    // The requester hears of the success itself (the `successful` row): one text, not two.
    if (id === c.requester) continue;
    const p = dir.person(id);
    if (!p) continue;
    out.push(changeNotice(deps, p, `change:${ref}:linked_resolved`, ref, 'ChangeLinkedResolved', { ref, title: c.title }, now));
  }
  return out;
}

/** One change notice row to `p` (its words from the change catalog in `p`'s language); skipped without a DingTalk id. */
function changeNotice(
  deps: ChatLayerDeps,
  p: Person,
  eventKey: string,
  ref: string,
  key: keyof ReturnType<typeof changeCatalog>['notice'],
  vars: Record<string, string>,
  now: Date,
): NoticeDraft {
  const w = changeCatalog(localeOf(p, deps.defaultLocale));
  return {
    eventKey,
    ticketId: 0,
    ref,
    eventCode: `change.${String(key)}`,
    personId: p.id,
    userId: p.dingtalkUserId ?? null,
    locale: p.locale ?? deps.defaultLocale,
    via: 'change',
    status: p.dingtalkUserId ? 'pending' : 'skipped',
    reason: p.dingtalkUserId ? null : 'no_dingtalk_user',
    title: fill(w.title, vars),
    body: fill(w.notice[key], vars),
    createdAt: now,
  };
}

/** The assignees of the change's linked problems (the `problem_assignees` term of `successful`). */
async function problemAssigneesOf(deps: ChatLayerDeps, c: Change): Promise<string[]> {
  const out: string[] = [];
  for (const id of c.problems) {
    const p = await deps.tickets.get(SYSTEM_ACTOR, formatRef('problem', id));
    if (p.ok && p.value.agent) out.push(p.value.agent);
  }
  return out;
}

export function changeCardReaction(deps: ChatLayerDeps, triggers: ChangeTriggers = DEFAULT_CHANGE_TRIGGERS): Reaction {
  return async ({ event }) => {
    const got = changeEventOf(event);
    if (!got || !deps.changes) return;
    const dir = await deps.directory.current();
    if (!dir) throw new Error('no directory stored');
    const found = await deps.changes.get(got.ref);
    if (!found.ok) return;
    const c = found.value;
    const e = got.event;
    const ref = got.ref;
    const log = deps.log.child({ changeRef: ref });
    if (e.type === 'ChangeLinkedResolved') {
      await deps.notices.addNotices(linkedResolvedNotices(deps, dir, c, got.data.callers, deps.clock.now()));
      return;
    }
    const userIds = (people: Person[]) => people.map((p) => p.dingtalkUserId).filter((u): u is string => !!u);
    const dm = (people: Person[]): CardSpace[] => userIds(people).map((userId) => ({ kind: 'dm', userId }));

    // The card: new holders first (the step's team when its step becomes current), then every holder's view.
    const holders = changeCardHolders(dir, c, triggers);
    const view = renderChangeCard({ change: c, dir, locale: deps.defaultLocale, viewers: userIds(holders) });
    const first = e.type === 'ChangeStepCurrent' && e.step === 0;
    if (e.type === 'ChangeStepCurrent' || e.type === 'ChangeResubmitted') {
      const fresh = changeRecipients(dir, triggers, e.type === 'ChangeStepCurrent' ? 'step_current' : 'resubmitted', c, e.step);
      const requester = dir.person(c.requester);
      const report = first
        ? await deps.gateway.deliverCard(ref, dm([...(requester ? [requester] : []), ...fresh]), view, 'act')
        : await deps.gateway.addCardSpaces(ref, dm(fresh), 'act');
      if (report.failed.length) log.warn('chat.change.card_not_delivered', { failed: report.failed.length, code: report.failed[0]!.code });
      mustDeliver(report, 'change card');
    }
    // A failed update throws: the event is retried (delivering or updating the card again is harmless).
    if (!first) await deps.gateway.updateCard(ref, view, 'update');

    // Text notices: rows of this event, one per person (the deliverer batches one message per distinct text).
    const drafts: NoticeDraft[] = [];
    const now = deps.clock.now();
    const step = c.steps[e.step]!;
    for (const { to: p, key } of noticesOf(dir, triggers, c, e, e.type === 'ChangeSucceeded' ? await problemAssigneesOf(deps, c) : [])) {
      if (p.id === e.actor) continue;
      const vars = {
        ref,
        title: c.title,
        step: step.name,
        team: dir.team(step.team)?.name ?? step.team,
        actor: dir.person(e.actor)?.name ?? e.actor,
        text: e.text ?? '',
      };
      // One row per (event, person): a person on two rows of one event hears the first text only.
      drafts.push(changeNotice(deps, p, `change:${ref}:v${got.version}:${got.index}`, ref, key, vars, now));
    }
    await deps.notices.addNotices(drafts);
    log.info('chat.change.reacted', { event: e.type, notices: drafts.length });
  };
}
