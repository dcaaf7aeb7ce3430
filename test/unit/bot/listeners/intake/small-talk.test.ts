/** Small talk (docs/interfaces.md "Intake from chat"): greetings, thanks and typos of help are not problems to file. */
import { smallTalkOf } from '../../../../../src/bot/listeners/intake/small-talk';

describe('smallTalkOf', () => {
  it.each([
    ['你好', 'greeting'],
    ['您好！', 'greeting'],
    ['hi', 'greeting'],
    ['Hello bot', 'greeting'],
    ['在吗？', 'greeting'],
    ['谢谢', 'thanks'],
    ['thanks!', 'thanks'],
    ['好的👍', 'thanks'],
    ['hlep', 'help_typo'],
    ['帮主', 'help_typo'],
    ['帮组', 'help_typo'],
    ['halp', 'help_typo'],
  ])('%s → %s', (text, kind) => expect(smallTalkOf(text)).toBe(kind));

  it.each(['帮助', 'help', '你好，打印机坏了，3 楼的那台', '谢谢处理，但是还是没有送货', '商户A昨天订了1斤葡萄，今天没有送货', '', 'hello world of broken printers'])(
    '%s is not small talk',
    (text) => expect(smallTalkOf(text)).toBeNull(),
  );
});
