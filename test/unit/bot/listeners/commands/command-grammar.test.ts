/** The command grammar: Chinese and English, whole-message matches only; anything else is a ticket request. */
import { COMMAND_NAMES, parseCommand } from '../../../../../src/bot/listeners/commands/command-grammar';

describe('parseCommand', () => {
  it.each([
    ['帮助', { name: 'help' }],
    ['help', { name: 'help' }],
    [' HELP ', { name: 'help' }],
    ['?', { name: 'help' }],
    ['？', { name: 'help' }],
    ['/help', { name: 'help' }],
    ['我的工单', { name: 'mine' }],
    ['my tickets', { name: 'mine' }],
    ['My  Tickets', { name: 'mine' }],
    ['队列', { name: 'queue' }],
    ['queue', { name: 'queue' }],
    ['查看 R-000012', { name: 'show', ref: 'R-000012' }],
    ['查看R-12', { name: 'show', ref: 'R-000012' }],
    ['show r-000012', { name: 'show', ref: 'R-000012' }],
    ['show I-7', { name: 'show', ref: 'I-000007' }],
    ['新建 打印机坏了', { name: 'new', text: '打印机坏了' }],
    ['new: printer broken', { name: 'new', text: 'printer broken' }],
    ['认领 R-000012', { name: 'claim', ref: 'R-000012' }],
    ['认领R12', { name: 'claim', ref: 'R-000012' }],
    ['claim r-12', { name: 'claim', ref: 'R-000012' }],
    ['指派 R-12 @张三', { name: 'assign', ref: 'R-000012', target: '@张三' }],
    ['指派 R-12 给 bjyunying2', { name: 'assign', ref: 'R-000012', target: 'bjyunying2' }],
    ['assign R-12 to @Zhang San', { name: 'assign', ref: 'R-000012', target: '@Zhang San' }],
    ['指派 R-12', { name: 'assign', ref: 'R-000012', target: '' }],
    ['挂起 R-12 等客户回复', { name: 'pend', ref: 'R-000012', reason: '等客户回复' }],
    ['pend R-12 waiting for the customer', { name: 'pend', ref: 'R-000012', reason: 'waiting for the customer' }],
    ['恢复 R-12', { name: 'resume', ref: 'R-000012' }],
    ['resume R-12', { name: 'resume', ref: 'R-000012' }],
    ['解决 R-12 已补发', { name: 'resolve', ref: 'R-000012', solution: '已补发' }],
    ['resolve R-12 sent again', { name: 'resolve', ref: 'R-000012', solution: 'sent again' }],
    ['关闭 R-12 1 很好', { name: 'close', ref: 'R-000012', satisfaction: 1, comment: '很好' }],
    ['关闭 R-12', { name: 'close', ref: 'R-000012' }],
    ['close R-12 4', { name: 'close', ref: 'R-000012', satisfaction: 4 }],
    ['重开 R-12 还是没收到', { name: 'reopen', ref: 'R-000012', reason: '还是没收到' }],
    ['reopen R-12 still missing', { name: 'reopen', ref: 'R-000012', reason: 'still missing' }],
    ['关联 R-12 I-7', { name: 'link', ref: 'R-000012', incident: 'I-000007' }],
    ['link R-12 to I-7', { name: 'link', ref: 'R-000012', incident: 'I-000007' }],
    ['合并 R-12 R-13 葡萄没送', { name: 'merge', refs: ['R-000012', 'R-000013'], title: '葡萄没送' }],
    ['合并 R-12，R-13', { name: 'merge', refs: ['R-000012', 'R-000013'] }],
    ['make incident R-1 R-2', { name: 'merge', refs: ['R-000001', 'R-000002'] }],
    ['备注 R-12 地址是朝阳区', { name: 'note', ref: 'R-000012', text: '地址是朝阳区' }],
    ['note R-12 call back', { name: 'note', ref: 'R-000012', text: 'call back' }],
    ['认领', { name: 'usage', of: 'claim' }],
    ['挂起 R-12', { name: 'usage', of: 'pend' }],
    ['关闭 R-12 7', { name: 'usage', of: 'close' }],
    ['关联 R-12', { name: 'usage', of: 'link' }],
    ['note R-12', { name: 'usage', of: 'note' }],
    ['新建', { name: 'usage', of: 'new' }],
  ])('%j → %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it.each([
    '帮助我查一下订单为什么没有送货',
    'help, the printer is broken',
    '查看一下为什么没发货',
    'show R-',
    '我的工单怎么还没处理',
    '商户A昨天订了1斤葡萄，今天没有送货',
    '',
    '解决不了打印机问题',
    'close the window, it is broken',
    '关闭一下那个页面就报错',
  ])('%j is not a command (it is a request)', (text) => {
    expect(parseCommand(text)).toBeNull();
  });

  it('knows every command of the chat issue', () => {
    expect([...COMMAND_NAMES].sort()).toEqual(
      ['assign', 'attach', 'claim', 'close', 'demand', 'help', 'link', 'merge', 'mine', 'new', 'note', 'pend', 'queue', 'reopen', 'resolve', 'resume', 'show', 'withdraw', 'faq', 'faqStats', 'faqPropose', 'problem', 'problemResolve', 'problemLink', 'problemUnlink'].sort(),
    );
  });
});

describe('附件 / attach (docs/interfaces.md "Intake from chat": attachments)', () => {
  it.each([
    ['附件 R-000012', { name: 'attach', ref: 'R-000012' }],
    ['附件R12', { name: 'attach', ref: 'R-000012' }],
    ['attach i-7', { name: 'attach', ref: 'I-000007' }],
    ['附件 R-12 截图', { name: 'usage', of: 'attach' }],
  ])('%s', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it('other words after 附件 are a request', () => {
    expect(parseCommand('附件上传失败')).toBeNull();
    expect(parseCommand('附件 打不开')).toBeNull();
  });

  it('the verb alone is ordinary text, like 撤回 and 需求 (docs/interfaces.md: these commands need a valid ref)', () => {
    expect(parseCommand('附件')).toBeNull();
    expect(parseCommand('需求')).toBeNull();
    expect(parseCommand('撤回')).toBeNull();
  });
});

// Problems (issue 14, docs/domain.md §9)
describe('parseCommand: problems', () => {
  it.each([
    ['问题 R-12 R-13 送货延误', { name: 'problem', refs: ['R-000012', 'R-000013'], title: '送货延误' }],
    ['问题 R-12、I-7', { name: 'problem', refs: ['R-000012', 'I-000007'] }],
    ['problem r12 r-12', { name: 'problem', refs: ['R-000012'] }],
    ['问题解决 P-3 仓库漏单 | 次日补发', { name: 'problemResolve', ref: 'P-000003', rootCause: '仓库漏单', workaround: '次日补发', solution: '' }],
    ['problem resolve P-3 bad config | restart | C-000009', { name: 'problemResolve', ref: 'P-000003', rootCause: 'bad config', workaround: 'restart', solution: 'C-000009' }],
    ['问题解决 P-3 仓库漏单', { name: 'usage', of: 'problemResolve' }],
    ['查看 P-3', { name: 'show', ref: 'P-000003' }],
    ['faq propose P-3', { name: 'faqPropose', ref: 'P-000003' }],
    ['问题关联 R-12 P-3', { name: 'problemLink', ref: 'R-000012', problem: 'P-000003' }],
    ['problem link I-7 to P-3', { name: 'problemLink', ref: 'I-000007', problem: 'P-000003' }],
    ['关联 R-12 P-3', { name: 'problemLink', ref: 'R-000012', problem: 'P-000003' }],
    ['关联 R-12 I-3', { name: 'link', ref: 'R-000012', incident: 'I-000003' }],
    ['问题关联 R-12', { name: 'usage', of: 'problemLink' }],
    ['问题移出 R-12', { name: 'problemUnlink', ref: 'R-000012' }],
    ['problem unlink r12', { name: 'problemUnlink', ref: 'R-000012' }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each(['问题', '问题很多，怎么办', '问题 我的电脑坏了', 'problem with my printer', '问题解决不了', '解决问题', '移出问题', '问题关联一下'])(
    '%j without a valid ref goes to intake like any message',
    (text) => expect(parseCommand(text)).toBeNull(),
  );
});
