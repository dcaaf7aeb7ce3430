/**
 * The report `directory:from-itop` prints (docs/itop-import.md "Report"): every value filled from an option, one
 * line per item that did not map (`Class::key [kind] why`), and a count summary by kind.
 */
import { ITOP_GAP_KINDS, type ItopMapping } from './itop-mapping.types';

export function formatItopReport(mapping: ItopMapping): string[] {
  const lines: string[] = [];
  lines.push(`filled from options or stated defaults (review): ${mapping.filled.length}`);
  for (const f of mapping.filled) lines.push(`  filled ${f.itop} ${f.field} = ${f.value}  (${f.from})`);
  lines.push(`not mapped: ${mapping.gaps.length}`);
  for (const g of mapping.gaps) lines.push(`  unmapped ${g.itop} [${g.kind}] ${g.message}`);
  const counts = ITOP_GAP_KINDS.map((k) => [k, mapping.gaps.filter((g) => g.kind === k).length] as const).filter(([, n]) => n > 0);
  const byKind = counts.length > 0 ? ` (${counts.map(([k, n]) => `${k} ${n}`).join(', ')})` : '';
  lines.push(`summary: ${mapping.gaps.length} not mapped${byKind}; ${mapping.filled.length} filled; ${mapping.outsideSelection} outside --orgs`);
  return lines;
}

/** Entries per list of the produced file: `organizations 9, people 8, …`. */
export function formatItopCounts(mapping: ItopMapping): string {
  const f = mapping.file;
  const lists = ['organizations', 'people', 'teams', 'service_families', 'services', 'slas', 'contracts', 'delivery_models'] as const;
  return lists.map((k) => `${k} ${(f[k] ?? []).length}`).join(', ');
}
