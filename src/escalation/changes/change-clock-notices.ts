/** The words of a step clock's notices (docs/changes.md §4), zh-CN and en: `{ref}`, `{title}`, `{step}`, `{team}`. */
import type { Locale } from '../../domain/shared/locale';
import type { StepLevel } from '../../domain/changes/step-clock';

const WORDS: Record<Locale, Record<StepLevel, string> & { title: string }> = {
  'zh-CN': {
    title: '变更 {ref} 超时',
    ttr100: '变更 {ref}“{title}”的“{step}”（{team}）已到处理时限，请督促处理。',
    ttr200: '变更 {ref}“{title}”的“{step}”（{team}）已超过处理时限一倍，请介入。',
  },
  en: {
    title: 'Change {ref} overdue',
    ttr100: '"{step}" of change {ref} "{title}" ({team}) reached its time limit; please follow it up.',
    ttr200: '"{step}" of change {ref} "{title}" ({team}) is twice over its time limit; please step in.',
  },
};

export function stepClockWords(locale: Locale) {
  return WORDS[locale] ?? WORDS['zh-CN'];
}
