/** Chinese words of changes (see change-catalog.ts for the placeholders). */
import type { ChangeErrorCode } from '../../../domain/errors/change.errors';
import type { ChangeCatalog } from './change-words';

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
  'CHANGE.BAD_LINK': '{ref} 不是问题（P-…）或事件（I-…）；变更只能关联问题或事件，请检查编号后重新发送。',
};

export const changeCatalogZhCN: ChangeCatalog = {
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
    ChangeLinkedResolved: '变更 {ref}“{title}”已完成，您反映的问题已随之解决。如仍有问题，请直接回复说明。',
    ttr100: '变更 {ref} 的“{step}”（{team}）已到处理时限。',
    ttr200: '变更 {ref} 的“{step}”（{team}）已超过处理时限一倍。',
    resolvedBy: '{kind} {ticket} 已随变更 {ref} 解决。',
    rollback: '变更 {ref} 的“{step}”失败，需要回滚：{text}。',
  },
  fromTicket: { button: '申请变更', sent: '已把变更模板发给您：选择模板、写上标题即可申请，变更会关联 {ref}。', forRef: '变更将关联 {ref}，完成后一并解决。' },
  picker: { title: '申请变更', none: '您没有可以申请的变更模板；请联系产品团队或问题经理代为申请。', prompt: '选择模板后发送：变更 <模板代码> <标题>' },
  usage: '发送“变更 <模板代码> <标题>”申请变更，例如：变更 app-release 修复下单失败',
  requested: '已提交变更 {ref}，等待 {team} 处理“{step}”。',
};

