/**
 * Every card action id the bot sends on a button or a Form and accepts back (`params.action`): the router
 * registers listeners by these, the views put them on buttons. They are a public interface (docs/interfaces.md "Ticket
 * card", "Intake from chat"): cards already delivered send them back, so a value never changes.
 */
export const ACTION_IDS = {
  // Ticket card, one per lifecycle action (views/cards/ticket-buttons.ts).
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
  // The picker card (views/cards/render-picker-card.ts), params `service` and `subcategory`.
  pick: 'intake.pick',
} as const;

export type ActionKey = keyof typeof ACTION_IDS;
export type ActionId = (typeof ACTION_IDS)[ActionKey];
