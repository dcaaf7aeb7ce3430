/**
 * Words of the workbench page's FAQ browser, demand pool and contracts report (docs/portal.md): one catalog per
 * locale, the same keys (the compiler checks both).
 */
import type { DemandState } from '../../domain/demands/demand';

export interface PortalLibraryCatalog {
  nav: Record<'faq' | 'demands' | 'contracts', string>;
  faq: Record<'question' | 'answer' | 'service' | 'search' | 'words' | 'shown' | 'solved' | 'stillHelp' | 'counters' | 'empty' | 'noMatch' | 'hint', string>;
  demand: Record<'ref' | 'title' | 'state' | 'service' | 'team' | 'caller' | 'votes' | 'sources' | 'created' | 'any' | 'empty' | 'hint', string>;
  demandState: Record<DemandState, string>;
  contracts: Record<'date' | 'org' | 'people' | 'contracts' | 'can' | 'cannot' | 'none' | 'nothing' | 'empty' | 'hint', string>;
  /** The report's reasons (docs/domain.md §2 "Contracts report"), `{date}` filled in; unknown ones are shown as they are. */
  reason: Record<
    | 'service obsolete' | 'no contract' | 'contract obsolete' | 'contract in implementation' | 'contract ended' | 'contract starts'
    | 'SLA inactive' | 'no production subcategory',
    string
  >;
}
