/**
 * The change command's grammar (docs/changes.md §3): `变更 <模板代码> [P-…|I-…] <标题>` /
 * `change <template> [P-…|I-…] <title>` (the problem or incident it fixes),
 * or the verb alone (the picker). A template code no template has makes it no command: the text is a request.
 */
export type ChangeCommand = { template: string | null; title: string; link?: string };

const VERB = /^(?:变更|申请变更|change)(?=$|\s)\s*/i;

/** The change command of a message, or null: not the verb, or a template code no template has. */
export function parseChangeCommand(text: string, codes: readonly string[]): ChangeCommand | null {
  const normal = text.replace(/\s+/g, ' ').trim().replace(/^[/／]\s*/, '');
  const verb = VERB.exec(normal);
  if (!verb) return null;
  const rest = normal.slice(verb[0].length);
  if (rest === '') return { template: null, title: '' };
  const [code, ...words] = rest.split(' ');
  const known = codes.find((c) => c.toLowerCase() === code!.toLowerCase());
  if (!known) return null;
  let title = words.join(' ').trim();
  // An `R-…` there is taken too, to be refused with a sentence (a change links problems and incidents only).
  const link = /^([IiPpRr]-?\d{1,12})(?:\s+|$)/.exec(title);
  if (link) title = title.slice(link[0].length).trim();
  return { template: known, title, ...(link ? { link: link[1] } : {}) };
}

