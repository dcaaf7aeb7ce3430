/**
 * The chat effects of a committed change event (docs/changes.md §6, the change rows of the trigger table): the
 * change card delivered to the step team's contacts when a step becomes current (or is resubmitted), updated in
 * place for every holder; text notices to the others, one batched message per distinct text.
 */
import type { ChangeHappened } from '../../application/changes/change-service';
import { formatChangeRef, type Change } from '../../domain/changes/change';
import type { ChangeEvent } from '../../domain/changes/change-lifecycle';
import type { Directory } from '../../domain/directory/directory';
import type { Person } from '../../domain/directory/directory.types';
import type { CardSpace } from '../../domain/ports/chat-gateway.port';
import type { Locale } from '../../domain/shared/locale';
import type { ChatLayerDeps } from '../chat-deps';
import { changeCatalog } from '../views/replies/change-catalog';
import { renderChangeCard } from '../views/changes/render-change-card';
import { fill } from '../views/replies/plain-text';

const contacts = (dir: Directory, team: string): Person[] => dir.teamRole(team, 'contact');
const leads = (dir: Directory, team: string): Person[] => dir.teamRole(team, 'lead');

/** Everyone holding the card: the requester and the contacts of every step that has been current. */
export function changeCardHolders(dir: Directory, c: Change): Person[] {
  const out = new Map<string, Person>();
  const requester = dir.person(c.requester);
  if (requester) out.set(requester.id, requester);
  for (const s of c.steps) if (s.startedAt) for (const p of contacts(dir, s.team)) out.set(p.id, p);
  return [...out.values()];
}

interface Notice {
  to: Person[];
  key: keyof ReturnType<typeof changeCatalog>['notice'];
  event: ChangeEvent;
}

/** Who hears a text notice of the event (card receivers are not sent text for the same event). */
function noticesOf(dir: Directory, c: Change, e: ChangeEvent): Notice[] {
  const step = c.steps[e.step]!;
  const requester = dir.person(c.requester);
  const req = requester ? [requester] : [];
  switch (e.type) {
    case 'ChangeStepPassed':
      return [{ to: req, key: 'ChangeStepPassed', event: e }];
    case 'ChangeStepReturned': {
      const out: Notice[] = [{ to: req, key: 'ChangeStepReturned', event: e }];
      out.push({ to: leads(dir, step.team), key: step.kind === 'approve' ? 'ChangeStepReturned' : 'rollback', event: e });
      return out;
    }
    case 'ChangeSucceeded':
      return [{ to: req, key: 'ChangeSucceeded', event: e }];
    case 'ChangeCancelled':
      return [{ to: contacts(dir, step.team), key: 'ChangeCancelled', event: e }];
    default:
      return [];
  }
}

const localeOf = (p: Person, fallback: Locale): Locale => p.locale ?? fallback;

export function changeCardReaction(deps: ChatLayerDeps) {
  return async (happened: ChangeHappened): Promise<void> => {
    const dir = await deps.directory.current();
    if (!dir) return;
    const c = happened.change;
    const ref = formatChangeRef(c.id);
    const log = deps.log.child({ changeRef: ref });
    const userIds = (people: Person[]) => people.map((p) => p.dingtalkUserId).filter((u): u is string => !!u);
    const dm = (people: Person[]): CardSpace[] => userIds(people).map((userId) => ({ kind: 'dm', userId }));

    // The card: new holders first (the step's team when its step becomes current), then every holder's view.
    const holders = changeCardHolders(dir, c);
    const view = renderChangeCard({ change: c, dir, locale: deps.defaultLocale, viewers: userIds(holders) });
    const cardReceivers = new Set<string>();
    for (const e of happened.events) {
      if (e.type !== 'ChangeStepCurrent' && e.type !== 'ChangeResubmitted') continue;
      const fresh = contacts(dir, c.steps[e.step]!.team);
      for (const p of fresh) cardReceivers.add(p.id);
      const first = e.step === 0 && e.type === 'ChangeStepCurrent';
      const spaces = first ? dm([...(dir.person(c.requester) ? [dir.person(c.requester)!] : []), ...fresh]) : dm(fresh);
      const report = first
        ? await deps.gateway.deliverCard(ref, spaces, view, 'act')
        : await deps.gateway.addCardSpaces(ref, spaces, 'act');
      if (report.failed.length) log.warn('chat.change.card_not_delivered', { failed: report.failed.length, code: report.failed[0]!.code });
    }
    if (!happened.events.some((e) => e.type === 'ChangeStepCurrent' && e.step === 0)) await deps.gateway.updateCard(ref, view, 'update');

    // Text notices: one message per distinct text, to everyone it is for.
    const batches = new Map<string, { title: string; userIds: Set<string> }>();
    for (const e of happened.events) {
      for (const n of noticesOf(dir, c, e)) {
        for (const p of n.to) {
          if (!p.dingtalkUserId || p.id === e.actor) continue;
          const w = changeCatalog(localeOf(p, deps.defaultLocale));
          const step = c.steps[e.step]!;
          const text = fill(w.notice[n.key], {
            ref,
            title: c.title,
            step: step.name,
            team: dir.team(step.team)?.name ?? step.team,
            actor: dir.person(e.actor)?.name ?? e.actor,
            text: e.text ?? '',
          });
          const batch = batches.get(text) ?? { title: fill(w.title, { ref, title: c.title }), userIds: new Set<string>() };
          batch.userIds.add(p.dingtalkUserId);
          batches.set(text, batch);
        }
      }
    }
    for (const [text, b] of batches) {
      const report = await deps.gateway.notifyUsers([...b.userIds], { title: b.title, text }, 'inform');
      if (report.failed.length) log.warn('chat.change.notice_not_delivered', { failed: report.failed.length, code: report.failed[0]!.code });
    }
    log.info('chat.change.reacted', { events: happened.events.map((e) => e.type), cards: cardReceivers.size, notices: batches.size });
  };
}
