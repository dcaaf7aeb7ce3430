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
};
