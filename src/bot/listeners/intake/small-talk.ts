/**
 * Messages that are not a problem to file (docs/interfaces.md "Chat additions"): a greeting, thanks, or a typo of
 * "help". They get a sentence, never the service picker (which would invite a junk ticket). The whole message
 * must be one of these (punctuation, emoji and spaces aside): "你好，打印机坏了" is a request. Pure.
 */
export type SmallTalk = 'greeting' | 'thanks' | 'help_typo';

const GREETINGS = ['你好', '您好', '你好呀', '您好呀', '嗨', '哈喽', '在吗', '在不在', '有人吗', '早', '早上好', '上午好', '中午好', '下午好', '晚上好', 'hi', 'hello', 'hey', 'helo', 'hallo', 'good morning', 'good afternoon', 'good evening'];
const THANKS = ['谢谢', '谢谢你', '谢谢您', '多谢', '感谢', '非常感谢', '谢了', '好的', '好', '收到', '知道了', '明白', 'ok', 'okay', 'thanks', 'thank you', 'thx', 'ty', 'got it'];
const HELP_WORDS = ['帮助', 'help', '菜单', 'menu'];

function normal(text: string): string {
  return text
    .toLocaleLowerCase()
    .replace(/[\p{P}\p{S}\p{Extended_Pictographic}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Edit distance with adjacent transpositions (optimal string alignment), by code point. */
function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
}

export function smallTalkOf(text: string): SmallTalk | null {
  const t = normal(text);
  if (t === '') return null;
  const bare = t.replace(/ /g, '');
  const greeting = GREETINGS.find((g) => t === g || bare === g.replace(/ /g, '') || t.startsWith(`${g} `));
  // "你好 机器人" / "hi bot": a greeting with a name after it.
  if (greeting && [...t].length <= greeting.length + 4) return 'greeting';
  if (THANKS.some((w) => t === w || bare === w.replace(/ /g, ''))) return 'thanks';
  // 帮主, 帮组, hlep, halp: one slip from a help word (never the word itself: that is the help command).
  if (HELP_WORDS.some((w) => bare !== w && [...bare].length === [...w].length && distance(bare, w) === 1)) return 'help_typo';
  return null;
}
