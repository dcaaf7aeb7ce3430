/** What every ticket use case works with: the ports, the working-time counters and the one unit of work. */
import type { Directory } from '../../domain/directory/directory';
import type { Clock } from '../../domain/ports/clock.port';
import type { DirectoryStore } from '../../domain/ports/directory-store.port';
import type { TicketStore, TicketTx } from '../../domain/ports/ticket-store.port';
import { fail, ok, type DomainError, type Result } from '../../domain/shared/result';
import type { Actor } from '../../domain/tickets/actor';
import type { DecideContext } from '../../domain/tickets/lifecycle';
import { ALWAYS, type TimeCounter } from '../../domain/tickets/stopwatch';
import { parseRef, type Ticket } from '../../domain/tickets/ticket';
import { UnitOfWork } from '../unit-of-work/unit-of-work';

export type CounterFactory = (dir: Directory) => (calendar: string | null) => TimeCounter;

export interface TicketServiceDeps {
  store: TicketStore;
  directory: DirectoryStore;
  clock: Clock;
  /** Working-time arithmetic per calendar; default 24×7 everywhere. */
  counters?: CounterFactory;
  /** Optimistic-concurrency retries before answering TICKET.CONCURRENT_UPDATE. */
  maxAttempts?: number;
  /** Called after every committed write (lets the outbox be handled at once instead of at the next poll). */
  onCommitted?: () => void;
}

export interface TicketContext {
  store: TicketStore;
  directory: DirectoryStore;
  clock: Clock;
  counters: CounterFactory;
  uow: UnitOfWork<TicketTx>;
}

export function ticketContext(deps: TicketServiceDeps): TicketContext {
  return {
    store: deps.store,
    directory: deps.directory,
    clock: deps.clock,
    counters: deps.counters ?? (() => () => ALWAYS),
    uow: new UnitOfWork(deps.store, { maxAttempts: deps.maxAttempts, afterCommit: deps.onCommitted }),
  };
}

export const NO_DIRECTORY: DomainError = { code: 'DIRECTORY.EMPTY', message: 'no directory has been imported yet' };

/** The ticket `ref` names (its kind included), or TICKET.NOT_FOUND. */
export async function loadTicket(ctx: Pick<TicketContext, 'store'>, ref: string): Promise<Result<Ticket>> {
  const parsed = parseRef(ref);
  const t = parsed ? await ctx.store.get(parsed.id) : null;
  if (!t || !parsed || t.kind !== parsed.kind) return fail('TICKET.NOT_FOUND', 'no such ticket', { ref });
  return ok(t);
}

/** The directory and the two tickets a pairing use case (link, join, mark similar) works on; the first failure wins. */
export async function loadPair(
  ctx: Pick<TicketContext, 'store' | 'directory'>,
  firstRef: string,
  secondRef: string,
): Promise<Result<{ dir: Directory; first: Ticket; second: Ticket }>> {
  const dir = await ctx.directory.current();
  if (!dir) return { ok: false, error: NO_DIRECTORY };
  const first = await loadTicket(ctx, firstRef);
  if (!first.ok) return first;
  const second = await loadTicket(ctx, secondRef);
  if (!second.ok) return second;
  return ok({ dir, first: first.value, second: second.value });
}

/** What a use case on one ticket starts from: the directory, the ticket, the moment and the decision context. */
export interface TicketAt {
  dir: Directory;
  t: Ticket;
  now: Date;
  /** The actor's decision context (`decide`). */
  dctx: DecideContext;
}

/**
 * The preamble of a use case on one ticket, retried on a lost race (`UnitOfWork.retrying`): the directory (or
 * DIRECTORY.EMPTY), the ticket `ref` names (or TICKET.NOT_FOUND), then `work`.
 */
export function withTicket<T>(ctx: TicketContext, actor: Actor, ref: string, work: (at: TicketAt) => Promise<Result<T>>): Promise<Result<T>> {
  return ctx.uow.retrying(async () => {
    const dir = await ctx.directory.current();
    if (!dir) return { ok: false, error: NO_DIRECTORY };
    const found = await loadTicket(ctx, ref);
    if (!found.ok) return found;
    const now = ctx.clock.now();
    return work({ dir, t: found.value, now, dctx: { dir, actor: actor.person, entryPoint: actor.entryPoint, now, counter: ctx.counters(dir) } });
  });
}
