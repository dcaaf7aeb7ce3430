/** The staff sync's notice to a lead (docs/domain.md §6.2), zh-CN. */
import type { StaffWords } from './staff-words';

export const staffWordsZhCN: StaffWords = {
  title: '人员离职：{people}',
  left: '{people} 已离职，账号已停用。',
  returned: '以下工单已退回团队队列（未分配，响应时限重新计时），请认领或分派：{refs}',
  filed: '以下由其提交的工单仍在处理中，请安排跟进：{refs}',
  separator: '、',
};
