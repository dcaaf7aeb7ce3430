/** 工作台页面的中文文案（docs/portal.md）。 */
import type { PortalCatalog } from './portal-catalog.types';
import { PORTAL_LIBRARY_ZH_CN } from './portal-library.zh-CN';

export const PORTAL_ZH_CN: PortalCatalog = {
  lang: 'zh-CN',
  appTitle: '服务台',
  nav: {
    mine: '我的工单', assigned: '分派给我', queue: '团队队列', search: '搜索', shortcuts: '快捷方式',
    dashboard: '统计看板', directory: '组织目录', deadLetters: '死信', logout: '退出', language: 'English', menu: '菜单',
  },
  viewTitle: { mine: '我的工单', assigned: '分派给我', queue: '团队队列', search: '搜索' },
  state: { new: '新建', escalated_tto: '响应超时', assigned: '处理中', escalated_ttr: '解决升级', pending: '挂起', resolved: '已解决', closed: '已关闭' },
  priority: { 1: '紧急', 2: '高', 3: '中', 4: '低' },
  kind: { request: '服务请求', incident: '事件', problem: '问题' },
  sort: { newest: '最新在前', oldest: '最早在前', priority: '优先级', deadline: '解决时限', updated: '最近更新' },
  resolutionCodes: {
    assistance: '协助处理', bug_fixed: '缺陷已修复', hardware_repair: '硬件维修', other: '其他', software_patch: '软件补丁',
    system_update: '系统更新', training: '培训指导', incident: '随所属工单解决', cancelled: '已撤回', faq: '常见问题已解答', converted_to_demand: '已转为需求',
  },
  field: {
    ref: '编号', title: '标题', description: '描述', state: '状态', service: '服务', subcategory: '子类', team: '团队',
    priority: '优先级', impact: '影响范围', urgency: '紧急度', caller: '申请人', org: '组织', assignee: '处理人', created: '创建时间',
    updated: '最近更新', origin: '来源', tto: '响应时限 (TTO)', ttr: '解决时限 (TTR)', deadline: '截止', elapsed: '已用',
    goal: '目标', sla: 'SLA', contract: '合同', pendingReason: '挂起原因', solution: '解决方案', resolutionCode: '解决类型',
    satisfaction: '满意度', parent: '所属事件', children: '关联请求', assigned: '分派时间', resolved: '解决时间',
    closed: '关闭时间', overdue: '仅超时', unassigned: '仅未分派', text: '编号或关键词', sort: '排序', any: '全部', none: '—',
    name: '名称', pinned: '固定到菜单', reason: '原因', comment: '备注', agent: '处理人', kind: '类型',
    problem: '所属问题', rootCause: '根本原因', workaround: '临时方案', problemTickets: '归入此问题的工单', linkTicket: '工单编号（R- 或 I-）',
  },
  clock: { idle: '未开始', running: '计时中', paused: '已暂停', stopped: '已停止' },
  section: {
    fields: '详情', sla: 'SLA 计时', history: '流转历史', publicLog: '公开日志', privateLog: '内部日志（仅支持团队可见）',
    linked: '关联工单', actions: '操作', filters: '筛选', saveShortcut: '将当前筛选保存为快捷方式',
  },
  history: { when: '时间', who: '操作人', what: '操作', entryPoint: '入口', changes: '变更' },
  button: {
    claim: '认领', assign: '转派', pend: '挂起', resume: '恢复处理', resolve: '解决', close: '关闭', reopen: '重新打开',
    note: '添加公开备注', note_private: '添加内部备注', apply: '应用', save: '保存', pin: '固定', unpin: '取消固定', delete: '删除',
    replay: '重新投递', search: '搜索', more: '更多', open: '打开',
    problem_resolve: '解决问题', problem_link: '归入此问题', problem_unlink: '移出问题',
  },
  done: {
    claim: '你已认领 {ref}。', assign: '{ref} 已转派。', pend: '{ref} 已挂起。', resume: '{ref} 已恢复处理。',
    resolve: '{ref} 已解决。', close: '{ref} 已关闭。', reopen: '{ref} 已重新打开。', note: '已为 {ref} 添加备注。', note_private: '已为 {ref} 添加内部备注。',
    problem_resolve: '问题 {ref} 已解决，临时方案已发给其未结工单的处理人。', problem_link: '工单已归入问题 {ref}。', problem_unlink: '工单已移出问题 {ref}。',
  },
  // The page's own refusals (a shortcut's name); a refused ticket action says the card's sentence (errorSentence).
  errors: {
    'TICKET.FIELD_REQUIRED': '请填写{field}后再试。',
    'TICKET.FIELD_TOO_LONG': '内容过长：{field}最多 {max} 个字符。',
  },
  genericError: '操作未成功（{code}）；请刷新页面重试，若仍失败请联系管理员。',
  page: {
    signingIn: '正在通过钉钉登录…',
    outsideDingTalk: '请从钉钉工作台或工单卡片打开此页面：它会用你的钉钉账号自动登录。',
    signInFailed: '钉钉未能确认你的身份；请关闭此页面，从钉钉重新打开。',
    unknownPerson: '你的钉钉账号不是服务台目录中的在职人员；请联系管理员添加。',
    forbiddenTitle: '无权访问',
    forbidden: '你无权查看此页面。如有需要，请联系该工单的团队或管理员。',
    notFoundTitle: '未找到',
    notFound: '这里没有内容；请检查链接或搜索工单。',
    csrf: '此表单已过期；请刷新页面后重试。',
    empty: '没有符合条件的工单。',
    noShortcuts: '还没有快捷方式：在列表中设置筛选后保存即可。',
    shortcutSaved: '快捷方式已保存。',
    shortcutsHint: '固定的快捷方式显示在菜单中。',
    loggedOut: '你已退出。',
    noDeadLetters: '没有死信。',
    replayed: '已重新排队投递。',
    next: '下一页',
    prev: '上一页',
    skip: '跳到正文',
    privateNote: '内部',
    sessionEnded: '登录已过期；请从钉钉重新打开页面。',
  },
  dash: {
    title: '统计看板', backlogTeam: '各团队积压', backlogService: '各服务积压', open: '未关闭工单', compliance: 'SLA 达成率',
    days7: '近 7 天', days30: '近 30 天', met: '达成', timeToOwn: '响应用时分布（30 天，工作时间）',
    timeToResolve: '解决用时分布（30 天，工作时间）', perIncident: '每个事件的请求数（影响量级，30 天）', incidents: '事件数',
    requests: '请求数', average: '平均', aging: '未关闭工单账龄', trend: '每日新建与解决（30 天）', opened: '新建',
    resolvedCount: '解决', noData: '暂无数据',
  },
  admin: {
    people: '人员', teams: '团队', orgs: '组织', services: '服务', contracts: '合同', outbox: '发件箱事件',
    notices: '通知', id: '编号', status: '状态', profiles: '角色', members: '成员', error: '最近错误',
  },
  library: PORTAL_LIBRARY_ZH_CN,
};
