/**
 * A problem resolved (docs/domain.md §9): its workaround (else its solution) is offered to the agents of its
 * linked open tickets, one text notice per agent and ticket, keyed by the outbox event (a retry or a replay never
 * sends it twice). Nothing else changes: the tickets stay with their agents, who answer their callers.
 */
import type { Directory } from '../../domain/directory/directory';
import type { Log } from '../../domain/ports/log.port';
import { SYSTEM_ACTOR } from '../../domain/tickets/actor';
import { isOpen, refOf, type Ticket } from '../../domain/tickets/ticket';
import type { ChatLayerDeps } from '../chat-deps';
import { catalogFor, localeOf } from '../views/replies/catalogs';
import { fill } from '../views/replies/plain-text';

export async function offerWorkaround(deps: ChatLayerDeps, dir: Directory, problem: Ticket, outboxId: number, log: Log): Promise<number> {
  const text = (problem.workaround ?? problem.solution ?? '').trim();
  if (problem.kind !== 'problem' || !text) return 0;
  const linked = await deps.tickets.problemTickets(SYSTEM_ACTOR, refOf(problem));
  if (!linked.ok) return 0;
  const now = deps.clock.now();
  const drafts = linked.value
    .filter((t) => isOpen(t.status) && t.agent)
    .flatMap((t) => {
      const agent = dir.person(t.agent!);
      if (!agent) return [];
      const locale = localeOf(agent, deps.defaultLocale);
      const w = catalogFor(locale).problem;
      return [
        {
          eventKey: `workaround:${outboxId}:${t.id}`,
          ticketId: t.id,
          ref: refOf(t),
          eventCode: 'workaround',
          personId: agent.id,
          userId: agent.dingtalkUserId ?? null,
          locale,
          via: 'problem',
          status: agent.dingtalkUserId ? ('pending' as const) : ('skipped' as const),
          reason: agent.dingtalkUserId ? null : 'no_dingtalk_id',
          title: fill(w.workaroundTitle, { ref: refOf(t) }),
          body: fill(w.workaroundOffered, { problem: refOf(problem), ref: refOf(t), workaround: text }),
          createdAt: now,
        },
      ];
    });
  if (drafts.length > 0) await deps.notices.addNotices(drafts);
  log.info('chat.problem.workaround_offered', { problem: refOf(problem), agents: drafts.length });
  return drafts.length;
}
