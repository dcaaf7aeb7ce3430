/**
 * The FAQ's words (docs/domain.md §8): the FAQ card, its outcomes, drafts, search and statistics. The words live in
 * the catalogs (`faq` block of catalog.zh-CN.ts / catalog.en.ts); this is their shape.
 */

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
