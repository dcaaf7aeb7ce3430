/** 工作台页面“常见问题、需求池、合同报告”的中文文案（docs/portal.md）。 */
import type { PortalLibraryCatalog } from './portal-library.types';

export const PORTAL_LIBRARY_ZH_CN: PortalLibraryCatalog = {
  nav: { faq: '常见问题', demands: '需求池', contracts: '合同报告' },
  faq: {
    question: '问题', answer: '解答', service: '服务', search: '搜索', words: '问题关键词',
    shown: '展示次数', solved: '已解决', stillHelp: '仍需帮助', counters: '统计',
    empty: '您可使用的服务还没有发布常见问题。',
    noMatch: '没有匹配的条目；请换个说法，或直接把问题发给机器人提交工单。',
    hint: '您可使用的服务已发布的解答。都不合适时，请在钉钉里把问题发给机器人。',
  },
  demand: {
    ref: '需求', title: '标题', state: '状态', service: '服务', team: '团队', caller: '提出人', votes: '票数',
    sources: '来源工单', created: '创建时间', any: '全部状态', empty: '您的团队还没有需求。',
    hint: '由工单转成的需求（在聊天中发送“需求 R-… 说明”），最新在前。',
  },
  demandState: { open: '待处理', accepted: '已接受', rejected: '已拒绝', done: '已完成' },
  contracts: {
    date: '日期', org: '组织', people: '人数', contracts: '合同', can: '可提交的服务', cannot: '不可提交的服务',
    none: '无', nothing: '无：没有合同，也没有交付模型。', empty: '没有有在职人员的有效组织。',
    hint: '每个有在职人员的有效组织：其人员今天可以提交的服务，以及其交付模型中不能提交的服务和原因。缺少的合同请在组织目录文件中补上。',
  },
  reason: {
    'service obsolete': '服务已停用', 'no contract': '没有合同', 'contract obsolete': '合同已作废',
    'contract in implementation': '合同实施中', 'contract ended': '合同已于 {date} 结束',
    'contract starts': '合同 {date} 才生效', 'SLA inactive': 'SLA 未启用', 'no production subcategory': '没有已上线的子类',
  },
};
