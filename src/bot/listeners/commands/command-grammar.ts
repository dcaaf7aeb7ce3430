/**
 * The chat command grammar, Chinese and English, recognised before intake. One table: add a row to add a
 * command. A message that is not a command is a ticket request (that is how people file), so patterns match the
 * whole message only — "帮助我查一下订单" is a request, not "help".
 *
 * A known verb with arguments that do not fit ("挂起 R-12" without a reason, "关闭 R-12 7") is answered with the
 * command's usage line, never silence and never filed: a message "looks like a command" when it is the verb alone
 * or the verb followed by something ref-like (`R-12`, `I7`). "解决不了打印机问题" stays a request.
 */
import { formatRef, parseRef } from '../../../domain/tickets/ticket';

export type ChatCommand =
  | { name: 'help' }
  | { name: 'new'; text: string }
  | { name: 'mine' }
  | { name: 'queue' }
  | { name: 'show'; ref: string }
  | { name: 'claim'; ref: string }
  /** `target`: what follows the ref (an @name, a person id or a name); the @-mentioned user ids come with the message. */
  | { name: 'assign'; ref: string; target: string }
  | { name: 'pend'; ref: string; reason: string }
  | { name: 'resume'; ref: string }
  | { name: 'resolve'; ref: string; solution: string }
  | { name: 'close'; ref: string; satisfaction?: number; comment?: string }
  | { name: 'reopen'; ref: string; reason: string }
  | { name: 'link'; ref: string; incident: string }
  | { name: 'merge'; refs: string[]; title?: string }
  | { name: 'note'; ref: string; text: string }
  /** The caller withdraws a request nobody has claimed (`撤回 R-… 原因`; without a valid ref it is a request). */
  | { name: 'withdraw'; ref: string; reason: string }
  // FAQ (issue 14): `faq stats` / `知识库统计`, and `faq <words>` / `知识库 <关键词>`.
  | { name: 'faqStats' }
  | { name: 'faqPropose'; ref: string }
  | { name: 'faq'; words: string }
  /** A request becomes a demand `D-…` (docs/demands.md). */
  | { name: 'demand'; ref: string; note: string }
  // Problems (issue 14): `问题 R-… [R-…] [标题]` / `problem R-… …`; `问题解决 P-… 根因 | 临时方案 [| 解决方案]`.
  | { name: 'problem'; refs: string[]; title?: string }
  | { name: 'problemResolve'; ref: string; rootCause: string; workaround: string; solution: string }
  /** `问题关联 R-… P-…` (also `关联 R-… P-…`) / `问题移出 R-…`: docs/domain.md §9. */
  | { name: 'problemLink'; ref: string; problem: string }
  | { name: 'problemUnlink'; ref: string }
  /** A known verb with bad arguments: answer the usage line of `of`. */
  | { name: 'usage'; of: CommandName }
  /** `附件 R-…`: the next picture or file from the writer attaches to the ticket (listeners/attachments/). */
  | { name: 'attach'; ref: string };

export type CommandName = Exclude<ChatCommand['name'], 'usage'>;

interface CommandRule {
  name: CommandName;
  /** The verbs, as a regexp alternation (matched case-insensitively at the start). */
  verbs: string;
  /** What follows the verb (after optional spaces), matched to the end; null = the verb alone. */
  args: RegExp | null;
  build(m: RegExpExecArray): ChatCommand | null;
  /** The verb alone is ordinary text (intake), not a usage request: only a ref-like argument makes it a command. */
  needsRef?: true;
}

// R- requests, I- incidents, P- problems (docs/domain.md §9)
const REF = '([RrIiPp]-?\\d{1,12})(?!\\d)';
const refOfText = (s: string): string | null => {
  const parsed = parseRef(s);
  return parsed ? formatRef(parsed.kind, parsed.id) : null;
};
const withRef = <T extends object>(raw: string, rest: (ref: string) => T): T | null => {
  const ref = refOfText(raw);
  return ref ? rest(ref) : null;
};
const argText = (s: string | undefined): string => (s ?? '').replace(/^[:：,，]\s*/, '').trim();

/** `<verb>` alone. */
const verbAlone = (name: 'help' | 'mine' | 'queue', verbs: string): CommandRule => ({ name, verbs, args: null, build: () => ({ name }) });

/** `<verb> <ref>`. */
const refOnly = (name: 'show' | 'claim' | 'resume', verbs: string): CommandRule => ({
  name,
  verbs,
  args: new RegExp(`^${REF}$`),
  build: (m) => withRef(m[1]!, (ref) => ({ name, ref })),
});

/** `<verb> <ref> <text>` (the text required); `command` names the text for its command. */
const refThenText = <N extends 'pend' | 'resolve' | 'reopen' | 'note' | 'withdraw' | 'demand'>(
  name: N,
  verbs: string,
  command: (ref: string, text: string) => Extract<ChatCommand, { name: N }>,
): CommandRule => ({
  name,
  verbs,
  args: new RegExp(`^${REF}\\s*(\\S.*)$`),
  build: (m) => withRef(m[1]!, (ref) => command(ref, argText(m[2]))),
});

const RULES: readonly CommandRule[] = [
  verbAlone('help', '帮助|help|\\?|？|菜单|menu'),
  {
    name: 'new',
    verbs: '新建|新工单|new',
    args: /^[:：]?\s*(\S[\s\S]*)$/,
    build: (m) => ({ name: 'new', text: argText(m[1]) }),
  },
  verbAlone('mine', '我的工单|my tickets|mine'),
  verbAlone('queue', '团队队列|队列|team queue|queue'),
  refOnly('show', '查看|show|view'),
  refOnly('claim', '认领|claim'),
  {
    name: 'assign',
    verbs: '指派|分派|转派|assign|reassign',
    args: new RegExp(`^${REF}(?:\\s*(?:给|to)\\s*|\\s+|$)(.*)$`),
    build: (m) => withRef(m[1]!, (ref) => ({ name: 'assign' as const, ref, target: argText(m[2]) })),
  },
  refThenText('pend', '挂起|pend|hold', (ref, reason) => ({ name: 'pend', ref, reason })),
  refOnly('resume', '恢复处理|恢复|resume'),
  refThenText('resolve', '解决|resolve', (ref, solution) => ({ name: 'resolve', ref, solution })),
  {
    name: 'close',
    verbs: '关闭|close',
    args: new RegExp(`^${REF}(?:\\s+([1-4])(?![0-9]))?(?:\\s+(\\S.*))?$`),
    build: (m) =>
      /^\d+$/.test(m[3] ?? '') ? null : withRef(m[1]!, (ref) => ({
        name: 'close' as const,
        ref,
        ...(m[2] ? { satisfaction: Number(m[2]) } : {}),
        ...(m[3] ? { comment: argText(m[3]) } : {}),
      })),
  },
  refThenText('reopen', '重新打开|重开|reopen', (ref, reason) => ({ name: 'reopen', ref, reason })),
  {
    name: 'link',
    verbs: '关联|link',
    args: new RegExp(`^${REF}\\s*(?:到|to|->|→)?\\s*${REF}$`),
    build: (m) => {
      const ref = refOfText(m[1]!);
      const incident = refOfText(m[2]!);
      // `关联 R-… P-…`: a problem is the target (docs/domain.md §9)
      if (ref && incident?.startsWith('P-')) return { name: 'problemLink', ref, problem: incident };
      return ref && incident ? { name: 'link', ref, incident } : null;
    },
  },
  {
    name: 'merge',
    verbs: '合并|make incident|incident',
    args: new RegExp(`^((?:${REF.replace('(', '(?:')}[\\s,，、]*)+)(.*)$`),
    build: (m) => {
      const refs = [...m[1]!.matchAll(new RegExp(REF, 'g'))].map((r) => refOfText(r[1]!));
      if (refs.length === 0 || refs.some((r) => r === null)) return null;
      const title = argText(m[2]);
      return { name: 'merge', refs: [...new Set(refs as string[])], ...(title ? { title } : {}) };
    },
  },
  refThenText('note', '备注|note', (ref, text) => ({ name: 'note', ref, text })),
  { ...refThenText('withdraw', '撤回|cancel|withdraw', (ref, reason) => ({ name: 'withdraw', ref, reason })), needsRef: true },
  // FAQ (issue 14): propose and stats before search (`faq stats` is not a search for "stats").
  {
    name: 'faqPropose',
    verbs: 'faq\\s+propose|提为常见问题|知识库提议',
    args: new RegExp(`^${REF}$`),
    build: (m) => withRef(m[1]!, (ref) => ({ name: 'faqPropose' as const, ref })),
  },
  { name: 'faqStats', verbs: 'faq\\s+stats|知识库统计|常见问题统计', args: null, build: () => ({ name: 'faqStats' }) },
  {
    name: 'faq',
    verbs: 'faq|知识库',
    args: /^[:：]?\s*(\S[\s\S]*)$/,
    build: (m) => ({ name: 'faq', words: argText(m[1]) }),
  },
  {
    name: 'attach',
    verbs: '附件|attach',
    args: new RegExp(`^${REF}$`),
    build: (m) => withRef(m[1]!, (ref) => ({ name: 'attach' as const, ref })),
    needsRef: true,
  },
  // The demand pool (docs/demands.md): `需求 R-12 说明`; without a ref the text is a request (intake).
  { ...refThenText('demand', '需求|demand', (ref, note) => ({ name: 'demand', ref, note })), needsRef: true },
  // Problems (issue 14): without a valid ref the text is an ordinary message (intake).
  {
    name: 'problemLink',
    verbs: '问题关联|关联问题|归入问题|problem\\s+link',
    args: new RegExp(`^${REF}\\s*(?:到|to|->|→)?\\s*${REF}$`),
    build: (m) => {
      const ref = refOfText(m[1]!);
      const problem = refOfText(m[2]!);
      return ref && problem ? { name: 'problemLink' as const, ref, problem } : null;
    },
    needsRef: true,
  },
  {
    name: 'problemUnlink',
    verbs: '问题移出|移出问题|problem\\s+unlink',
    args: new RegExp(`^${REF}$`),
    build: (m) => withRef(m[1]!, (ref) => ({ name: 'problemUnlink' as const, ref })),
    needsRef: true,
  },
  {
    name: 'problemResolve',
    verbs: '问题解决|解决问题|problem\\s+resolve',
    args: new RegExp(`^${REF}\\s*(\\S.*)$`),
    build: (m) => {
      const ref = refOfText(m[1]!);
      const [rootCause = '', workaround = '', solution = ''] = argText(m[2]).split(/\s*[|｜]\s*/);
      return ref && rootCause && (workaround || solution) ? { name: 'problemResolve' as const, ref, rootCause, workaround, solution } : null;
    },
    needsRef: true,
  },
  {
    name: 'problem',
    verbs: '问题|problem',
    args: new RegExp(`^((?:${REF.replace('(', '(?:')}[\\s,，、]*)+)(.*)$`),
    build: (m) => {
      const refs = [...m[1]!.matchAll(new RegExp(REF, 'g'))].map((r) => refOfText(r[1]!));
      if (refs.length === 0 || refs.some((r) => r === null)) return null;
      const title = argText(m[2]);
      return { name: 'problem', refs: [...new Set(refs as string[])], ...(title ? { title } : {}) };
    },
    needsRef: true,
  },
];

export function normaliseCommandText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/^[/／]\s*/, '');
}

/** The command a message is, a usage request for a known verb with bad arguments, or null (a ticket request). */
export function parseCommand(text: string): ChatCommand | null {
  const normal = normaliseCommandText(text);
  for (const rule of RULES) {
    const verb = new RegExp(`^(?:${rule.verbs})(?=$|[\\s:：]|[RrIiPp]-?\\d)\\s*`, 'i').exec(normal);
    if (!verb) continue;
    const rest = normal.slice(verb[0].length);
    if (rule.args === null) {
      if (rest === '') return rule.build(verb);
      continue;
    }
    const m = rule.args.exec(rest);
    const built = m ? rule.build(m) : null;
    if (built) return built;
    // The verb alone, or the verb and something ref-like: a command with bad arguments.
    if ((rest === '' && !rule.needsRef) || /^[RrIiPp]-?\d/.test(rest)) return { name: 'usage', of: rule.name };
  }
  return null;
}

/** The command names, for help texts and tests. */
export const COMMAND_NAMES: readonly CommandName[] = RULES.map((r) => r.name);
