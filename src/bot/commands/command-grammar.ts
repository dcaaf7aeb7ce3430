/**
 * The chat command grammar, Chinese and English, recognised before intake. One table: add a row to add a
 * command. A message that is not a command is a ticket request (that is how people file), so patterns match the
 * whole message only — "帮助我查一下订单" is a request, not "help".
 */
import { formatRef, parseRef } from '../../domain/tickets/ticket';

export type ChatCommand =
  | { name: 'help' }
  | { name: 'mine' }
  | { name: 'queue' }
  | { name: 'show'; ref: string };

interface CommandRule {
  name: ChatCommand['name'];
  /** Matched against the normalised message (trimmed, one space between words, no leading `/`). */
  pattern: RegExp;
  build(m: RegExpExecArray): ChatCommand | null;
}

const REF = '([RrIi]-?\\d{1,12})';

const RULES: readonly CommandRule[] = [
  { name: 'help', pattern: /^(?:帮助|help|\?|？|菜单|menu)$/i, build: () => ({ name: 'help' }) },
  { name: 'mine', pattern: /^(?:我的工单|my tickets|mine)$/i, build: () => ({ name: 'mine' }) },
  { name: 'queue', pattern: /^(?:队列|团队队列|queue|team queue)$/i, build: () => ({ name: 'queue' }) },
  {
    name: 'show',
    pattern: new RegExp(`^(?:查看|show|view)\\s*${REF}$`, 'i'),
    build: (m) => {
      const parsed = parseRef(m[1]!);
      return parsed ? { name: 'show', ref: formatRef(parsed.kind, parsed.id) } : null;
    },
  },
];

export function normaliseCommandText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/^[/／]\s*/, '');
}

/** The command a message is, or null (then it is a ticket request). */
export function parseCommand(text: string): ChatCommand | null {
  const normal = normaliseCommandText(text);
  for (const rule of RULES) {
    const m = rule.pattern.exec(normal);
    if (m) return rule.build(m);
  }
  return null;
}

/** The command names, for help texts and tests. */
export const COMMAND_NAMES: readonly ChatCommand['name'][] = RULES.map((r) => r.name);
