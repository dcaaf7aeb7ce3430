/**
 * What the agents of a problem's linked open tickets are told (docs/domain.md §9), one text notice per agent and
 * ticket, keyed by the outbox event (a retry or a replay never sends it twice):
 * - a problem created: their ticket now belongs to it;
 * - a problem resolved: its workaround (else its solution). Nothing else changes: the tickets stay with their
 *   agents, who answer their callers.
 */
import type { Directory } from '../../domain/directory/directory';
import type { Log } from '../../domain/ports/log.port';
import { SYSTEM_ACTOR } from '../../domain/tickets/actor';
import { isOpen, refOf, type Ticket } from '../../domain/tickets/ticket';
import type { ChatLayerDeps } from '../chat-deps';
import { catalogFor, localeOf } from '../views/replies/catalogs';
import { fill } from '../views/replies/plain-text';
import type { ProblemWords } from '../views/replies/problem-words';

export async function offerWorkaround(deps: ChatLayerDeps, dir: Directory, problem: Ticket, outboxId: number, log: Log): Promise<number> {
  const text = (problem.workaround ?? problem.solution ?? '').trim();
  if (problem.kind !== 'problem' || !text) return 0;
  return tellLinkedAgents(deps, dir, problem, `workaround:${outboxId}`, 'workaround', (w, ref) => ({
    title: fill(w.workaroundTitle, { ref }),
    body: fill(w.workaroundOffered, { problem: refOf(problem), ref, workaround: text }),
  }), log);
}

/** A new problem: the agents of its linked open tickets are told their ticket belongs to it now. */
export function tellProblemMade(deps: ChatLayerDeps, dir: Directory, problem: Ticket, outboxId: number, log: Log): Promise<number> {
  if (problem.kind !== 'problem') return Promise.resolve(0);
  return tellLinkedAgents(deps, dir, problem, `problem:${outboxId}`, 'problem_created', (w, ref) => ({
    title: fill(w.madeTitle, { ref }),
    body: fill(w.madeNotice, { problem: refOf(problem), ref, title: problem.title }),
  }), log);
}

async function tellLinkedAgents(
  deps: ChatLayerDeps,
  dir: Directory,
  problem: Ticket,
  key: string,
  eventCode: string,
  words: (w: ProblemWords, ref: string) => { title: string; body: string },
  log: Log,
): Promise<number> {
  const linked = await deps.tickets.problemTickets(SYSTEM_ACTOR, refOf(problem));
  if (!linked.ok) return 0;
  const now = deps.clock.now();
  const drafts = linked.value
    .filter((t) => isOpen(t.status) && t.agent)
    .flatMap((t) => {
      const agent = dir.person(t.agent!);
      if (!agent) return [];
      const locale = localeOf(agent, deps.defaultLocale);
      const said = words(catalogFor(locale).problem, refOf(t));
      return [
        {
          eventKey: `${key}:${t.id}`,
          ticketId: t.id,
          ref: refOf(t),
          eventCode,
          personId: agent.id,
          userId: agent.dingtalkUserId ?? null,
          locale,
          via: 'problem',
          status: agent.dingtalkUserId ? ('pending' as const) : ('skipped' as const),
          reason: agent.dingtalkUserId ? null : 'no_dingtalk_id',
          title: said.title,
          body: said.body,
          createdAt: now,
        },
      ];
    });
  if (drafts.length > 0) await deps.notices.addNotices(drafts);
  log.info('chat.problem.agents_told', { problem: refOf(problem), event: eventCode, agents: drafts.length });
  return drafts.length;
}
