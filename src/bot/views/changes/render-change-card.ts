/**
 * The change card (docs/changes.md §3): one instance per change (`C-000012`), travelling from team to team. Every
 * holder sees the steps; members of the current step's team get that step's buttons (claim, then its pass/fail
 * pair), the requester gets resubmit/cancel while it is with them (cancel while in progress too).
 */
import { ACTION_IDS } from '../../action-ids';
import { formatChangeRef, type Change } from '../../../domain/changes/change';
import { STEP_ACTIONS, type ChangeCommandType } from '../../../domain/changes/change-lifecycle';
import type { Directory } from '../../../domain/directory/directory';
import type { CardAction, CardActionTone, CardView } from '../../../domain/ports/chat-gateway.port';
import type { Locale } from '../../../domain/shared/locale';
import { fill } from '../replies/plain-text';
import { changeCatalog } from '../replies/change-catalog';

export const CHANGE_ACTION_OF: Readonly<Record<Exclude<ChangeCommandType, never>, string>> = {
  claim: ACTION_IDS.changeClaim,
  approve: ACTION_IDS.changeApprove,
  reject: ACTION_IDS.changeReject,
  done: ACTION_IDS.changeDone,
  failed: ACTION_IDS.changeFailed,
  passed: ACTION_IDS.changePassed,
  resubmit: ACTION_IDS.changeResubmit,
  cancel: ACTION_IDS.changeCancel,
};

const INPUT: Readonly<Record<ChangeCommandType, '' | 'note' | 'reason'>> = {
  claim: '',
  approve: 'note',
  done: 'note',
  passed: 'note',
  reject: 'reason',
  failed: 'reason',
  resubmit: 'note',
  cancel: 'reason',
};

const TONE: Readonly<Record<ChangeCommandType, CardActionTone>> = {
  claim: 'primary',
  approve: 'positive',
  done: 'positive',
  passed: 'positive',
  reject: 'caution',
  failed: 'danger',
  resubmit: 'primary',
  cancel: 'caution',
};

export function changeButton(c: Change, cmd: ChangeCommandType, locale: Locale): CardAction {
  const words = changeCatalog(locale).button[cmd];
  return {
    label: words.label,
    action: CHANGE_ACTION_OF[cmd],
    tone: TONE[cmd],
    enabled: true,
    input: INPUT[cmd],
    placeholder: words.placeholder,
    params: { ref: formatChangeRef(c.id), step: String(c.current) },
  };
}

/** The commands a person may use on the card now (the use case re-checks every one). */
export function commandsFor(dir: Directory, c: Change, personId: string): ChangeCommandType[] {
  const out: ChangeCommandType[] = [];
  const step = c.steps[c.current]!;
  if (c.status === 'in_progress' && dir.isTeamMember(personId, step.team)) {
    if (step.state === 'waiting') out.push('claim');
    const pair = STEP_ACTIONS[step.kind];
    out.push(pair.pass, pair.fail);
  }
  const isRequester = personId === c.requester || dir.hasProfile(personId, 'administrator');
  if (isRequester && c.status === 'returned') out.push('resubmit', 'cancel');
  else if (isRequester && c.status === 'in_progress') out.push('cancel');
  return out;
}

export interface ChangeCardInput {
  change: Change;
  dir: Directory;
  locale: Locale;
  /** DingTalk user ids of the holders whose buttons to compute. */
  viewers: readonly string[];
  notice?: Record<string, string>;
}

export function renderChangeCard(input: ChangeCardInput): CardView {
  const { change: c, dir, locale } = input;
  const w = changeCatalog(locale);
  const ref = formatChangeRef(c.id);
  const name = (id: string | null) => (id ? (dir.person(id)?.name ?? id) : '');
  const cur = c.steps[c.current]!;
  const stepLines = c.steps
    .map((s, i) => {
      const mark = i === c.current && c.status !== 'successful' ? '▶ ' : '';
      const who = s.actor ? ` · ${name(s.actor)}` : '';
      const note = s.note ? ` · ${s.note}` : '';
      return `${mark}${i + 1}. ${s.name}（${dir.team(s.team)?.name ?? s.team}，${w.kind[s.kind]}）: ${w.stepState[s.state]}${who}${note}`;
    })
    .join('\n');
  const fields = [
    { label: w.label.template, value: c.template },
    { label: w.label.requester, value: name(c.requester) },
    { label: w.label.step, value: `${cur.name}（${dir.team(cur.team)?.name ?? cur.team}）` },
    { label: w.label.steps, value: stepLines },
  ];
  if (c.returnReason) fields.push({ label: w.label.returned, value: c.returnReason });
  if (c.rollbackNote) fields.push({ label: w.label.rollback, value: c.rollbackNote });
  const privateActions: Record<string, CardAction[]> = {};
  for (const userId of input.viewers) {
    const person = dir.personByUserId(userId);
    if (!person) continue;
    privateActions[userId] = commandsFor(dir, c, person.id).map((cmd) => changeButton(c, cmd, locale));
  }
  return {
    ref,
    status: c.status,
    statusLabel: w.state[c.status],
    title: fill(w.title, { ref, title: c.title }),
    lastMessage: c.description,
    fields,
    publicActions: [],
    privateActions,
    privateNotice: input.notice,
  };
}
