/** Chinese words of the demand pool in chat (see demand-catalog.ts). */
import type { DemandWords } from './demand-catalog';

export const demandWordsZhCN: DemandWords = {
  pendForm: {
    reason: { label: '挂起原因', placeholder: '说明在等什么；转为需求时写需求说明' },
    reasonKind: { label: '原因类型', placeholder: '请选择' },
    kinds: { other: '等待（提出人、第三方等）', demand: '需求（转入需求池）' },
    opened: '请在下方填写挂起原因并选择类型，提交后挂起 {ref}；选“需求”则转为需求并解决。',
  },
  autoNote: '挂起超过 {days} 个工作日，系统自动转为需求。',
  teamNotice: {
    title: '{demand} 新需求',
    lead: '{demand} 新需求，由 {ref} 转入需求池。',
    lines: ['标题：{title}', '服务：{service}', '提出人：{caller}', '票数：{votes}'],
    hint: '请在需求池中评估该需求。',
  },
  errors: {
    'DEMAND.NOT_OFFERED': '{ref} 当前没有可投票的需求，未做任何更改。',
    'DEMAND.NOT_FOUND': '该需求不存在，{ref} 仍按普通请求处理。',
    'DEMAND.NOT_OPEN': '该需求已{state}，不再接受投票，{ref} 仍按普通请求处理。',
    'DEMAND.NOT_CALLER': '只有 {ref} 的提出人可以用它投票。',
  },
  vote: {
    offer: '这看起来是需求 {demand}（已有 {votes} 票）：“{title}”。点“+1”为它投一票，{ref} 随即解决；不点则按普通请求处理。',
    button: '+1 到 {demand}',
    counted: '{ref} 已作为一票加入需求 {demand}（现 {votes} 票），并已解决。',
    again: '您已为需求 {demand} 投过票（{votes} 票），{ref} 已解决，不重复计票。',
  },
  card: { description: '描述', caller: '提出人', service: '服务', sources: '来源请求', votes: '票数', lastMessage: '{demand}：{votes} 票' },
  states: { open: '待评估', accepted: '已接受', rejected: '已拒绝', done: '已完成' },
};
