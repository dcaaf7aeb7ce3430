/** The FAQ's words in both languages (docs/domain.md §8): the FAQ card, its outcomes, search and statistics. */
import type { Locale } from '../../../domain/shared/locale';

export interface FaqWords {
  cardStatus: string;
  intro: string;
  introSeveral: string;
  question: string;
  answer: string;
  lastMessage: string;
  solved: string;
  stillHelp: string;
  solvedDone: string;
  stillHelpDone: string;
  stillHelpPicker: string;
  notYours: string;
  gone: string;
  alreadyDone: string;
  searchTitle: string;
  searchNone: string;
  searchLine: string;
  statsTitle: string;
  statsEmpty: string;
  statsLine: string;
  status: Record<'draft' | 'published' | 'retired', string>;
  seenLabel: string;
  usageSearch: string;
  propose: string;
  publish: string;
  retire: string;
  draftStatus: string;
  draftIntro: string;
  source: string;
  proposed: string;
  published: string;
  retired: string;
  cannotPropose: string;
}

const zhCN: FaqWords = {
  cardStatus: '常见问题',
  intro: '提交工单前，这条常见问题也许能解答您的问题：',
  introSeveral: '提交工单前，这些常见问题也许能解答您的问题（选择对应的按钮）：',
  question: '问题',
  answer: '解答',
  lastMessage: '常见问题 {faq}',
  solved: '解决了',
  stillHelp: '仍需帮助',
  solvedDone: '很高兴帮到您！已记录为 {ref}（由 {faq} 解决），不会再通知服务团队。',
  stillHelpDone: '已为您提交工单 {ref}，处理人会看到您已看过 {faq}。',
  stillHelpPicker: '请在新的卡片中选择服务，即可提交工单。',
  notYours: '这条解答是给提问人的，您的点击没有改变任何内容。',
  gone: '这条解答已失效，没有为您登记工单；如仍需帮助，请重新发送您的问题。',
  alreadyDone: '这条解答已处理过（{ref}）。',
  searchTitle: '知识库搜索结果',
  searchNone: '没有找到相关的常见问题；直接描述您的问题即可提交工单。',
  searchLine: '{faq} {question}\n{answer}',
  statsTitle: '常见问题统计（展示 / 解决了 / 仍需帮助）',
  statsEmpty: '您负责的服务还没有常见问题。可用 npm run faq:import 导入。',
  statsLine: '{faq} {question}：{shown} / {solved} / {stillHelp}（{status}）',
  status: { draft: '草稿', published: '已发布', retired: '已下架' },
  seenLabel: '提交人已看过',
  usageSearch: '用法：知识库 <关键词>，例如“知识库 POS密码”。',
  propose: '提为常见问题',
  publish: '发布',
  retire: '不发布',
  draftStatus: '常见问题草稿',
  draftIntro: '{name} 根据 {ref} 提议了这条常见问题，发布后提问人在提交工单前就能看到。',
  source: '来源',
  proposed: '已提议为常见问题 {faq}，已请问题经理审核发布。',
  published: '{faq} 已发布。',
  retired: '{faq} 已下架，不会再展示给提问人。',
  cannotPropose: '只有该工单团队的处理人、问题经理或系统管理员可以把已解决的请求提为常见问题。',
};

const en: FaqWords = {
  cardStatus: 'FAQ',
  intro: 'Before filing: this FAQ entry may answer your question.',
  introSeveral: 'Before filing: these FAQ entries may answer your question (use the buttons of the one that fits).',
  question: 'Question',
  answer: 'Answer',
  lastMessage: 'FAQ {faq}',
  solved: 'Solved',
  stillHelp: 'I still need help',
  solvedDone: 'Glad it helped! Recorded as {ref} (solved by {faq}); the service team is not notified.',
  stillHelpDone: 'Filed as {ref}; the agents will see that you already read {faq}.',
  stillHelpPicker: 'Please pick the service on the new card to file your request.',
  notYours: 'This answer is for the person who asked; your click changed nothing.',
  gone: 'This answer is no longer valid and nothing was filed. If you still need help, please send your question again.',
  alreadyDone: 'This answer was already used ({ref}).',
  searchTitle: 'FAQ search',
  searchNone: 'No FAQ entry fits. Describe your problem to file a request.',
  searchLine: '{faq} {question}\n{answer}',
  statsTitle: 'FAQ statistics (shown / solved / still needed help)',
  statsEmpty: 'The services you manage have no FAQ entries yet. Import some with npm run faq:import.',
  statsLine: '{faq} {question}: {shown} / {solved} / {stillHelp} ({status})',
  status: { draft: 'draft', published: 'published', retired: 'retired' },
  seenLabel: 'Caller already saw',
  usageSearch: 'Usage: faq <words>, e.g. "faq POS password".',
  propose: 'Propose as FAQ',
  publish: 'Publish',
  retire: 'Discard',
  draftStatus: 'FAQ draft',
  draftIntro: '{name} proposed this FAQ entry from {ref}; once published, callers see it before they file.',
  source: 'Source',
  proposed: 'Proposed as FAQ entry {faq}; the problem managers were asked to publish it.',
  published: '{faq} is published.',
  retired: '{faq} is retired and no longer shown to callers.',
  cannotPropose: 'Only agents of the request\'s team, problem managers and administrators may propose a resolved request as an FAQ entry.',
};

export const FAQ_WORDS: Readonly<Record<Locale, FaqWords>> = { 'zh-CN': zhCN, en };

export function faqWordsFor(locale: Locale): FaqWords {
  return FAQ_WORDS[locale] ?? zhCN;
}
