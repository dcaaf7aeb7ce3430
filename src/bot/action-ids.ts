/**
 * Every card action id the bot sends on a button or a Form and accepts back (`params.action`): the router
 * registers listeners by these, the views put them on buttons. They are a public interface (docs/interfaces.md "Ticket
 * card", "Intake from chat"): cards already delivered send them back, so a value never changes.
 */

/**
 * The ticket card's buttons, one per action (views/cards/ticket-buttons.ts). Each one's id (the part after
 * `ticket.`, e.g. `note_private`) keys its label and its done line in both catalogs: adding one here makes the
 * compiler ask for those words (`TicketButtonId` in views/replies/bot-catalog.ts).
 */
export const TICKET_BUTTON_ACTION_IDS = {
  claim: 'ticket.claim',
  pend: 'ticket.pend',
  resume: 'ticket.resume',
  /** Also the hidden `action` of the Resolve Form. */
  resolve: 'ticket.resolve',
  /** Also the quick 1–4 buttons (`satisfaction`) and the hidden `action` of the Close Form. */
  close: 'ticket.close',
  reopen: 'ticket.reopen',
  note: 'ticket.note',
  notePrivate: 'ticket.note_private',
  /** The caller withdraws a request nobody has claimed (param `reason`; docs/interfaces.md "Ticket card"). */
  cancel: 'ticket.cancel',
} as const;

export type TicketButtonAction = (typeof TICKET_BUTTON_ACTION_IDS)[keyof typeof TICKET_BUTTON_ACTION_IDS];
/** A ticket-card button's id: its action id without `ticket.` (`claim`, …, `note_private`). */
export type TicketButtonId = TicketButtonAction extends `ticket.${infer Id}` ? Id : never;

export const ACTION_IDS = {
  ...TICKET_BUTTON_ACTION_IDS,
  // Ticket card, more buttons (views/cards/more-ticket-buttons.ts).
  /** One per eligible target, param `agent`. */
  assign: 'ticket.assign',
  reassign: 'ticket.reassign',
  link: 'ticket.link',
  urgent: 'ticket.urgent',
  // Likely duplicates (views/cards/ticket-relations.ts).
  join: 'intake.join',
  dismissDuplicate: 'intake.new',
  makeIncident: 'ticket.make_incident',
  /** On an incident's card, for the callers of its joined requests ("not the same problem"); `ref` = the incident. */
  unjoin: 'intake.unjoin',
  // The demand pool (docs/demands.md): "+1 to D-…" on a matching request's card (param `demand`).
  demandVote: 'demand.vote',
  // The picker card (views/cards/render-picker-card.ts), params `service` and `subcategory`.
  pick: 'intake.pick',
  // The FAQ card answering a message before filing (views/cards/render-faq-card.ts), param `faq`.
  faqSolved: 'faq.solved',
  faqStillHelp: 'faq.still_help',
  // Proposing an FAQ entry from a resolved request (param `ref`), publishing or discarding it (param `faq`).
  faqPropose: 'faq.propose',
  faqPublish: 'faq.publish',
  faqRetire: 'faq.retire',
  // Changes (views/changes/render-change-card.ts, docs/changes.md §3): params `ref`, `step`, and `note`/`reason`.
  changeRequest: 'change.request',
  changeClaim: 'change.claim',
  changeApprove: 'change.approve',
  changeReject: 'change.reject',
  changeDone: 'change.done',
  changeFailed: 'change.failed',
  changePassed: 'change.passed',
  changeResubmit: 'change.resubmit',
  changeCancel: 'change.cancel',
  // Problems (issue 14, docs/interfaces.md "Problems"): make one from the card's ticket (params `refs`, `title`),
  // link (`ref`, `problem`), unlink (`ref`), resolve (`ref`, `root_cause`, `workaround`, `solution`).
  makeProblem: 'ticket.make_problem',
  problemLink: 'problem.link',
  problemUnlink: 'problem.unlink',
  problemResolve: 'problem.resolve',
} as const;

export type ActionKey = keyof typeof ACTION_IDS;
export type ActionId = (typeof ACTION_IDS)[ActionKey];
