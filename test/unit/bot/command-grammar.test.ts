/** The command grammar: Chinese and English, whole-message matches only; anything else is a ticket request. */
import { COMMAND_NAMES, parseCommand } from '../../../src/bot/commands/command-grammar';

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
  ])('%j is not a command (it is a request)', (text) => {
    expect(parseCommand(text)).toBeNull();
  });

  it('knows the four first-cut commands', () => {
    expect([...COMMAND_NAMES].sort()).toEqual(['help', 'mine', 'queue', 'show']);
  });
});
