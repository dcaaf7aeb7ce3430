/** 触发器通知的中文用语（占位符见 notice-catalog.ts）。 */
import type { NoticeCatalog } from './notice-catalog';

export const catalogZhCN: NoticeCatalog = {
  locale: 'zh-CN',
  kind: { request: '服务请求', incident: '工单', problem: '问题' },
  level: {
    tto: '响应超时（未在规定时间内分派）',
    ttr1: '解决升级（已用去 75% 解决时效）',
    ttr2: '解决时效超时',
    ttr3: '解决时效又超时（已达两倍解决时效）',
  },
  event: {
    created: {
      title: '{ref} 新{kind}',
      lead: '有新{kind} {ref} 等待认领（{service}）。',
      hint: '如属于您，请认领；或分派给同事。',
    },
    tto: {
      title: '{ref} 未及时分派',
      lead: '{ref} 已达 {level}。',
      hint: '请立即分派。',
    },
    assigned: {
      title: '{ref} 已分派给 {assignee}',
      lead: '{ref} 已分派给 {assignee}。',
    },
    ttr1: {
      title: '{ref} 升级：解决时效已用 75%',
      lead: '{ref} 已达 {level}。',
      hint: '请确保在时限前解决。',
    },
    ttr2: {
      title: '{ref} 升级：解决时效超时',
      lead: '{ref} 已达 {level}。',
      hint: '请尽快解决，或告知提交人预计解决时间。',
    },
    ttr3: {
      title: '{ref} 升级：解决时效又超时',
      lead: '{ref} 已达 {level}。',
      hint: '请督促尽快解决。',
    },
    pending: {
      title: '{ref} 已挂起',
      lead: '{ref} 已挂起。',
    },
    resolved: {
      title: '{ref} 已解决',
      lead: '{ref} 已解决。',
      hint: '如问题已解决，请关闭；如仍未解决，请重新打开。',
    },
    reopened: {
      title: '{ref} 已重新打开',
      lead: '{ref} 已被 {actor} 重新打开。',
    },
    closed: {
      title: '{ref} 已关闭',
      lead: '{ref} 已被 {actor} 关闭。',
    },
    agent_note: {
      title: '{ref} 处理人回复',
      lead: '{ref} 有新回复（{actor}）：{note}',
    },
    caller_note: {
      title: '{ref} 提交人回复',
      lead: '{ref} 有新回复（{actor}）：{note}',
    },
  },
  label: {
    title: '标题',
    service: '服务',
    filedBy: '提交人',
    reason: '原因',
    solution: '解决方案',
    note: '备注',
    satisfaction: '满意度',
    comment: '评价',
    deadline: {
      tto: '应分派时间',
      ttr1: '解决时限',
      ttr2: '解决时限（已过）',
      ttr3: '解决时限（已过）',
    },
  },
  fallback: {
    someone: '有人',
    notGiven: '（未填写）',
    noDeadline: '未记录',
  },
  digest: {
    title: '{count} 个工单已升级',
    titleOne: '{ref} 已升级',
    label: '升级汇总',
    summary: '已升级：{refs}',
    lead: '{count} 个工单已触发升级：',
    item: '- {title}',
    hint: '请打开各工单卡片进行分派或跟进。',
  },
  satisfactions: { '1': '非常满意', '2': '满意', '3': '不满意', '4': '非常不满意' },
  format: {
    field: '{label}：{value}',
    quote: '“{text}”',
    satisfaction: '{label}',
    deadline: '{date} {time}（{zone}）',
    ellipsis: '…',
  },
  convertedToDemand: {
    title: '{ref} 已转为需求 {demand}',
    lead: '{ref} 已转为需求 {demand}。',
    hint: '该需求已进入产品团队的需求池，此工单无需再处理。',
  },
};
