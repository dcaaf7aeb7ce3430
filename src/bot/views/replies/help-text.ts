/**
 * The help a person gets, by what they may do (docs/interfaces.md "Chat additions"): someone who may file is told to
 * describe the problem; someone who may not gets the sentence saying why and what they can still do; agent commands
 * only for people in a support team or with an agent profile.
 */
import type { BotCatalog } from './bot-catalog';

export interface HelpFor {
  /** null = may file; else the sentence saying why they cannot. */
  cannotFile: string | null;
  isAgent: boolean;
}

export function helpText(c: BotCatalog, who: HelpFor): string {
  const h = c.week.help;
  const lines = [who.cannotFile === null ? h.intro : `${who.cannotFile}\n${h.introNoFiling}`, h.commands, ...h.common];
  if (who.cannotFile === null) lines.push(...h.caller);
  if (who.isAgent) lines.push(...h.agent);
  lines.push(h.footer);
  return lines.join('\n');
}
