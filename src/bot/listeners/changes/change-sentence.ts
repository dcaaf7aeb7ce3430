/** A change refusal as one sentence in the reader's language (the change words fill step, team and template). */
import type { Directory } from '../../../domain/directory/directory';
import type { DomainError } from '../../../domain/shared/result';
import type { BotCatalog } from '../../views/replies/bot-catalog';
import { errorSentence } from '../../views/replies/error-sentence';
import { fill } from '../../views/replies/plain-text';

export function changeSentence(error: DomainError, c: BotCatalog, dir: Directory | null): string {
  if (!error.code.startsWith('CHANGE.')) return errorSentence(error, c, dir);
  const d = error.details ?? {};
  const str = (k: string) => (d[k] === undefined || d[k] === null ? '' : String(d[k]));
  const team = str('team');
  return fill(c.error[error.code], {
    ref: str('ref'),
    step: str('step'),
    team: dir?.team(team)?.name ?? team,
    template: str('template'),
  });
}
