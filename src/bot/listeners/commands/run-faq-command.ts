/**
 * The FAQ commands (docs/domain.md §8): `faq <words>` / `知识库 <关键词>` — the best three published entries of the
 * asker's services, nothing filed; `faq stats` / `知识库统计` — shown, solved and still-needed-help per entry of the
 * services the asker manages (problem managers of the service's team, administrators), answered privately.
 */
import type { Directory } from '../../../domain/directory/directory';
import { formatFaqRef } from '../../../domain/faq/faq';
import type { Log } from '../../../domain/ports/log.port';
import type { ChatLayerDeps, Conversation } from '../../chat-deps';
import { replyIn, replyPrivately } from '../../support/reply';
import type { Reader } from '../../support/sender';
import { errorSentence } from '../../views/replies/error-sentence';
import { catalogFor } from '../../views/replies/catalogs';
import { fill, oneLine, truncate, neutralise } from '../../views/replies/plain-text';

const CUT = { question: 80, answer: 300, statsLines: 30 } as const;

export interface FaqCommandInput {
  dir: Directory;
  reader: Reader;
  personId: string;
  userId: string;
  where: Conversation;
  command: { name: 'faq'; words: string } | { name: 'faqStats' };
}

export async function runFaqCommand(deps: ChatLayerDeps, input: FaqCommandInput, log: Log): Promise<void> {
  const { dir, reader, personId, userId, where, command } = input;
  const c = reader.catalog;
  const w = catalogFor(reader.locale).faq;
  const say = (text: string) => replyIn(deps, where, { title: c.reply.title, text }, log);
  const faqs = deps.faqs;
  if (!faqs) return say(errorSentence({ code: 'FAQ.UNAVAILABLE', message: 'no FAQ configured' }, c, dir));
  const asker = dir.person(personId)!;

  if (command.name === 'faq') {
    const found = await faqs.search(dir, asker, command.words);
    if (found.length === 0) return say(w.searchNone);
    const lines = found.map(({ entry }) =>
      fill(w.searchLine, {
        faq: formatFaqRef(entry.id),
        question: oneLine(entry.question, CUT.question, c.format.ellipsis),
        answer: truncate(neutralise(entry.answer), CUT.answer, c.format.ellipsis),
      }),
    );
    log.info('chat.faq.searched', { found: found.length });
    return say([w.searchTitle, ...lines].join('\n\n'));
  }

  const stats = await faqs.stats(dir, personId);
  if (!stats.ok) return say(errorSentence(stats.error, c, dir));
  const text =
    stats.value.length === 0
      ? w.statsEmpty
      : [
          w.statsTitle,
          ...stats.value.slice(0, CUT.statsLines).map((e) =>
            fill(w.statsLine, {
              faq: formatFaqRef(e.id),
              question: oneLine(e.question, CUT.question, c.format.ellipsis),
              shown: e.shown,
              solved: e.solved,
              stillHelp: e.stillHelp,
              status: w.status[e.status],
            }),
          ),
        ].join('\n');
  // Statistics are for the asker only (like the team queue).
  return replyPrivately(deps, userId, { title: w.statsTitle, text }, log);
}
