/** Problems (`P-`, docs/domain.md §9): the chat's words for making, linking and resolving problems. */
export interface ProblemWords {
  /** `问题 R-… [R-…] [标题]` made it: `{ref}` the problem, `{refs}` the linked tickets. */
  made: string;
  usage: string;
  /** `问题解决 P-… 根因 | 临时方案 [| 解决方案]` */
  resolveUsage: string;
  resolved: string;
  /** The field on a linked ticket's card ("问题 P-…"), and a problem card's root cause and workaround fields. */
  label: string;
  rootCauseLabel: string;
  workaroundLabel: string;
  /** Told to the agents of the linked open tickets when a problem is resolved: `{problem}`, `{ref}`, `{workaround}`. */
  workaroundTitle: string;
  workaroundOffered: string;
  /** The card button on a request's or incident's card, and the done lines of link and unlink: `{ref}`, `{problem}`. */
  makeButton: string;
  /** Told to the agents of the linked open tickets when a problem is made: `{problem}`, `{ref}`, `{title}`. */
  madeTitle: string;
  madeNotice: string;
  linked: string;
  unlinked: string;
  /**
   * Resolving, linking and unlinking from cards and commands (docs/interfaces.md "Problems"): the problem card's
   * Resolve, Link a ticket and Unlink a ticket buttons (each opens a Form), a linked ticket's Remove from problem
   * button, a gatherable ticket's Add to problem button (its text input: the problem's ref).
   */
  buttons: {
    resolve: string;
    link: string;
    unlink: string;
    linkTo: { label: string; placeholder: string };
    unlinkFrom: string;
  };
  /** The Forms' fields: `root_cause`, `workaround`, `solution`; `ref` (a request or incident), `problem` (a P- ref). */
  fields: Record<'root_cause' | 'workaround' | 'solution' | 'ref' | 'problem', { label: string; placeholder: string }>;
  /** The line shown when a Form opens: `{ref}` the card's ticket. */
  opened: { resolve: string; link: string; unlink: string; linkTo: string };
  /** `问题关联 R-… P-…` / `问题移出 R-…` */
  linkUsage: string;
  unlinkUsage: string;
}
