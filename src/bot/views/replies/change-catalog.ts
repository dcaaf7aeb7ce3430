/**
 * The words of changes (docs/changes.md) in zh-CN and en: refusal sentences (spread into the bot catalogs'
 * `error`), card labels, buttons, notices. Templates name their values in braces.
 */
import type { ChangeErrorCode } from '../../../domain/errors/change.errors';
import type { ChangeState, StepState } from '../../../domain/changes/change';
import type { ChangeEventType, ChangeCommandType } from '../../../domain/changes/change-lifecycle';
import type { StepKind } from '../../../domain/changes/change-template';
import type { Locale } from '../../../domain/shared/locale';

export interface ChangeCatalog {
  state: Record<ChangeState, string>;
  stepState: Record<StepState, string>;
  kind: Record<StepKind, string>;
  button: Record<ChangeCommandType, { label: string; placeholder: string }>;
  done: Record<ChangeCommandType, string>;
  label: { template: string; requester: string; step: string; steps: string; rollback: string; returned: string; links: string };
  title: string;
  /** Notices by event; `{ref}`, `{title}`, `{step}`, `{team}`, `{actor}`, `{text}`. */
  notice: Record<ChangeEventType, string> & { ttr100: string; ttr200: string; resolvedBy: string; rollback: string };
  picker: { title: string; none: string; prompt: string };
  usage: string;
  requested: string;
}

export const CHANGE_ERRORS_ZH: Record<ChangeErrorCode, string> = {
  'CHANGE.UNKNOWN_TEMPLATE': '没有代码为“{template}”的变更模板；发送“变更”查看您可以申请的模板。',
  'CHANGE.NOT_A_REQUESTER': '您不能申请“{template}”变更；请联系可以申请的团队，或发送“变更”查看您可以申请的模板。',
  'CHANGE.NOT_FOUND': '没有变更 {ref}，请检查编号。',
  'CHANGE.NOT_STEP_TEAM': '{ref} 当前步骤“{step}”由团队 {team} 处理，您不是该团队成员，未做任何更改。',
  'CHANGE.NOT_REQUESTER': '只有 {ref} 的申请人（或管理员）可以重新提交或取消它。',
  'CHANGE.NOT_CURRENT_STEP': '这个按钮的步骤已不是当前步骤：{ref} 当前在“{step}”（{team}），未做任何更改。',
  'CHANGE.WRONG_STATE': '{ref} 当前状态不允许这个操作（当前步骤“{step}”），未做任何更改。',
  'CHANGE.WRONG_KIND': '“{step}”这一步不接受这个操作，请使用卡片上的按钮。',
  'CHANGE.REASON_REQUIRED': '请填写原因后再提交。',
  'CHANGE.TITLE_REQUIRED': '请写上变更标题，例如：变更 {template} 修复下单失败',
  'CHANGE.NO_REQUESTER_TEAM': '“{template}”有一步由申请人所在团队处理，但您不属于任何团队；请联系管理员。',
};

export const CHANGE_ERRORS_EN: Record<ChangeErrorCode, string> = {
  'CHANGE.UNKNOWN_TEMPLATE': 'There is no change template "{template}"; send "change" to see the templates you may request.',
  'CHANGE.NOT_A_REQUESTER': 'You may not request a "{template}" change; ask a team that may, or send "change" to see the templates you may request.',
  'CHANGE.NOT_FOUND': 'There is no change {ref}; please check the number.',
  'CHANGE.NOT_STEP_TEAM': 'The current step of {ref}, "{step}", is worked by team {team}, which you are not in; nothing was changed.',
  'CHANGE.NOT_REQUESTER': 'Only the requester of {ref} (or an administrator) may resubmit or cancel it.',
  'CHANGE.NOT_CURRENT_STEP': 'That button is for a step that is no longer current: {ref} is at "{step}" ({team}); nothing was changed.',
  'CHANGE.WRONG_STATE': '{ref} cannot take that action in its current state (current step "{step}"); nothing was changed.',
  'CHANGE.WRONG_KIND': 'The step "{step}" does not take that action; please use the buttons on the card.',
  'CHANGE.REASON_REQUIRED': 'Please give a reason, then submit again.',
  'CHANGE.TITLE_REQUIRED': 'Please add a title, e.g.: change {template} fix the order failure',
  'CHANGE.NO_REQUESTER_TEAM': 'A step of "{template}" is worked by the requester\'s team, but you belong to no team; please ask an administrator.',
};

const zh: ChangeCatalog = {
  state: { draft: '草稿', in_progress: '进行中', returned: '已退回申请人', successful: '已成功', failed: '已失败', cancelled: '已取消' },
  stepState: { waiting: '待处理', claimed: '处理中', passed: '已通过', failed: '未通过' },
  kind: { approve: '审批', implement: '实施', verify: '验证' },
  button: {
    claim: { label: '认领', placeholder: '' },
    approve: { label: '通过', placeholder: '备注（可选）' },
    done: { label: '已完成', placeholder: '备注（可选）' },
    passed: { label: '验证通过', placeholder: '备注（可选）' },
    reject: { label: '驳回', placeholder: '驳回原因' },
    failed: { label: '失败', placeholder: '失败原因与回滚说明' },
    resubmit: { label: '重新提交', placeholder: '修改说明（可选）' },
    cancel: { label: '取消变更', placeholder: '取消原因' },
  },
  done: {
    claim: '您已认领 {ref} 的“{step}”。',
    approve: '{ref} 的“{step}”已通过。',
    done: '{ref} 的“{step}”已完成。',
    passed: '{ref} 的“{step}”已验证通过。',
    reject: '{ref} 已驳回，退回申请人。',
    failed: '{ref} 的“{step}”失败，已退回申请人。',
    resubmit: '{ref} 已重新提交到“{step}”。',
    cancel: '{ref} 已取消。',
  },
  label: { template: '模板', requester: '申请人', step: '当前步骤', steps: '步骤', rollback: '回滚说明', returned: '退回原因', links: '关联' },
  title: '变更 {ref}：{title}',
  notice: {
    ChangeStepCurrent: '变更 {ref}“{title}”等待 {team} 处理“{step}”。',
    ChangeStepClaimed: '{actor} 认领了变更 {ref} 的“{step}”。',
    ChangeStepPassed: '变更 {ref} 的“{step}”已由 {actor} 通过。',
    ChangeStepReturned: '变更 {ref} 在“{step}”被 {actor} 退回：{text}。您可以修改后重新提交或取消。',
    ChangeResubmitted: '变更 {ref}“{title}”已重新提交，等待 {team} 处理“{step}”。',
    ChangeSucceeded: '变更 {ref}“{title}”已成功完成。',
    ChangeCancelled: '变更 {ref}“{title}”已取消：{text}。',
    ttr100: '变更 {ref} 的“{step}”（{team}）已到处理时限。',
    ttr200: '变更 {ref} 的“{step}”（{team}）已超过处理时限一倍。',
    resolvedBy: '{kind} {ticket} 已随变更 {ref} 解决。',
    rollback: '变更 {ref} 的“{step}”失败，需要回滚：{text}。',
  },
  picker: { title: '申请变更', none: '您没有可以申请的变更模板。', prompt: '选择模板后发送：变更 <模板代码> <标题>' },
  usage: '发送“变更 <模板代码> <标题>”申请变更，例如：变更 app-release 修复下单失败',
  requested: '已提交变更 {ref}，等待 {team} 处理“{step}”。',
};

const en: ChangeCatalog = {
  state: { draft: 'Draft', in_progress: 'In progress', returned: 'Returned to the requester', successful: 'Successful', failed: 'Failed', cancelled: 'Cancelled' },
  stepState: { waiting: 'Waiting', claimed: 'Claimed', passed: 'Passed', failed: 'Failed' },
  kind: { approve: 'approve', implement: 'implement', verify: 'verify' },
  button: {
    claim: { label: 'Claim', placeholder: '' },
    approve: { label: 'Approve', placeholder: 'Note (optional)' },
    done: { label: 'Done', placeholder: 'Note (optional)' },
    passed: { label: 'Passed', placeholder: 'Note (optional)' },
    reject: { label: 'Reject', placeholder: 'Why reject it?' },
    failed: { label: 'Failed', placeholder: 'What failed, what to roll back?' },
    resubmit: { label: 'Resubmit', placeholder: 'What changed? (optional)' },
    cancel: { label: 'Cancel change', placeholder: 'Why cancel it?' },
  },
  done: {
    claim: 'You claimed "{step}" of {ref}.',
    approve: '"{step}" of {ref} approved.',
    done: '"{step}" of {ref} done.',
    passed: '"{step}" of {ref} passed.',
    reject: '{ref} rejected and returned to the requester.',
    failed: '"{step}" of {ref} failed; returned to the requester.',
    resubmit: '{ref} resubmitted to "{step}".',
    cancel: '{ref} cancelled.',
  },
  label: { template: 'Template', requester: 'Requester', step: 'Current step', steps: 'Steps', rollback: 'Rollback note', returned: 'Returned because', links: 'Linked' },
  title: 'Change {ref}: {title}',
  notice: {
    ChangeStepCurrent: 'Change {ref} "{title}" waits for {team}: "{step}".',
    ChangeStepClaimed: '{actor} claimed "{step}" of change {ref}.',
    ChangeStepPassed: '"{step}" of change {ref} passed ({actor}).',
    ChangeStepReturned: 'Change {ref} was returned at "{step}" by {actor}: {text}. You may revise and resubmit it, or cancel it.',
    ChangeResubmitted: 'Change {ref} "{title}" was resubmitted and waits for {team}: "{step}".',
    ChangeSucceeded: 'Change {ref} "{title}" completed successfully.',
    ChangeCancelled: 'Change {ref} "{title}" was cancelled: {text}.',
    ttr100: '"{step}" of change {ref} ({team}) reached its time limit.',
    ttr200: '"{step}" of change {ref} ({team}) is twice over its time limit.',
    resolvedBy: '{kind} {ticket} was resolved by change {ref}.',
    rollback: '"{step}" of change {ref} failed and must be rolled back: {text}.',
  },
  picker: { title: 'Request a change', none: 'There is no change template you may request.', prompt: 'Pick a template, then send: change <template> <title>' },
  usage: 'Send "change <template> <title>" to request a change, e.g.: change app-release fix the order failure',
  requested: 'Change {ref} submitted; it waits for {team}: "{step}".',
};

export function changeCatalog(locale: Locale): ChangeCatalog {
  return locale === 'en' ? en : zh;
}
