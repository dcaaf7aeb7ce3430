/**
 * The problem commands (docs/domain.md §9): `问题 R-… [R-…] [标题]` / `problem R-… …` makes a problem from requests
 * and incidents of one service (problem managers of the service's team, administrators); `问题解决 P-… 根因 |
 * 临时方案 [| 解决方案]` / `problem resolve P-… …` resolves it; `问题关联 R-… P-…` / `problem link R-… P-…` (also
 * `关联 R-… P-…`) links a request or incident to it, `问题移出 R-…` / `problem unlink R-…` takes one out. Permissions are re-checked by the use cases; a refusal
 * is a sentence and nothing changes. Answered where typed.
 */
import type { Directory } from '../../../domain/directory/directory';
import type { Log } from '../../../domain/ports/log.port';
import type { Actor } from '../../../domain/tickets/actor';
import { formatRef, refOf } from '../../../domain/tickets/ticket';
import type { ChatLayerDeps } from '../../chat-deps';
import type { BotCatalog } from '../../views/replies/bot-catalog';
import { errorSentence } from '../../views/replies/error-sentence';
import { fill } from '../../views/replies/plain-text';
import type { ChatCommand } from './command-grammar';

export type ProblemCommand = Extract<ChatCommand, { name: 'problem' | 'problemResolve' | 'problemLink' | 'problemUnlink' }>;

const PROBLEM_COMMANDS: ReadonlySet<string> = new Set(['problem', 'problemResolve', 'problemLink', 'problemUnlink']);

export function isProblemCommand(command: ChatCommand): command is ProblemCommand {
  return PROBLEM_COMMANDS.has(command.name);
}

export async function runProblemCommand(
  deps: ChatLayerDeps,
  input: { dir: Directory; me: Actor; command: ProblemCommand; catalog: BotCatalog },
  log: Log,
): Promise<string> {
  const { dir, me, command, catalog: c } = input;
  if (command.name === 'problem') {
    const made = await deps.tickets.makeProblem(me, { refs: command.refs, ...(command.title ? { title: command.title } : {}) });
    if (!made.ok) {
      log.info('chat.problem.refused', { code: made.error.code });
      return errorSentence(made.error, c, dir);
    }
    log.info('chat.problem.made', { problem: refOf(made.value), tickets: command.refs.length });
    return fill(c.problem.made, { ref: refOf(made.value), refs: command.refs.join(c.locale === 'en' ? ', ' : '、') });
  }
  if (command.name === 'problemLink' || command.name === 'problemUnlink') {
    const done =
      command.name === 'problemLink'
        ? await deps.tickets.linkProblem(me, command.ref, command.problem)
        : await deps.tickets.unlinkProblem(me, command.ref);
    if (!done.ok) {
      log.info('chat.problem.refused', { code: done.error.code });
      return errorSentence(done.error, c, dir);
    }
    const t = done.value;
    log.info(command.name === 'problemLink' ? 'chat.problem.linked' : 'chat.problem.unlinked', { ticketRef: refOf(t) });
    return command.name === 'problemLink'
      ? fill(c.problem.linked, { ref: refOf(t), problem: t.problem ? formatRef('problem', t.problem) : '' })
      : fill(c.problem.unlinked, { ref: refOf(t) });
  }
  const resolved = await deps.tickets.resolveProblem(me, command.ref, {
    rootCause: command.rootCause,
    workaround: command.workaround,
    solution: command.solution,
  });
  if (!resolved.ok) {
    log.info('chat.problem.refused', { code: resolved.error.code });
    return errorSentence(resolved.error, c, dir);
  }
  return fill(c.problem.resolved, { ref: refOf(resolved.value) });
}
