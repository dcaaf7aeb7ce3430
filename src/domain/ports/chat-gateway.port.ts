/**
 * The chat-gateway port: how the application layers talk to people through DingTalk (or the emulator, or a
 * recording fake in tests). Everything here speaks DingTalk user ids (staffId/userid); mapping a directory
 * person to a user id, and skipping people with none, is the caller's job (docs/directory-format.md: the two
 * namespaces are never confused). Texts arrive already rendered in the recipient's language.
 */

/** A plain robot message. `markdown` set → sent as sampleMarkdown with `title`; else sampleText. */
export interface ChatMessage {
  title: string;
  text: string;
  markdown?: boolean;
}

/** Where a card is shown: a robot DM with one user, or a group conversation the robot is in. */
export type CardSpace =
  | { kind: 'dm'; userId: string }
  | { kind: 'group'; conversationId: string };

/**
 * What an action means to the viewer, so the adapter can style it: `primary` the usual next step, `neutral` a
 * secondary one, `positive` a step that ends the work well, `caution` one that holds or undoes it, `danger` one that
 * alarms people or ends it badly.
 */
export type CardActionTone = 'primary' | 'neutral' | 'positive' | 'caution' | 'danger';

/** An action a viewer may take on a card (a button). */
export interface CardAction {
  label: string;
  /** dotted action id, e.g. `ticket.claim` (docs/interfaces.md "Ticket card"). */
  action: string;
  tone: CardActionTone;
  /** false: shown but not usable now. */
  enabled: boolean;
  /** '' for a plain button, else the one text param expected (`reason`, `solution`, `comment`, `text`). */
  input: string;
  placeholder: string;
  /** Extra constant params the button sends back (e.g. `agent`, `team`, `service`, `subcategory`). */
  params?: Record<string, string>;
}

export interface CardField {
  label: string;
  value: string;
}

/** What a Form field asks for: one line of text, a paragraph, or one of its `options`. */
export type CardFormFieldKind = 'line' | 'paragraph' | 'choice';

/**
 * One field of a card Form (docs/dingtalk-cards.md §2.5). Hidden fields carry constants back with the submission
 * (`action`, `ref`). `defaultValue` pre-fills the field: the text, or for a choice the `value` of one of its options.
 */
export interface CardFormField {
  name: string;
  kind: CardFormFieldKind;
  label?: string;
  placeholder?: string;
  required?: boolean;
  hidden?: boolean;
  defaultValue?: string;
  options?: Array<{ value: string; text: string }>;
}

/** The value of the template's private `form` variable: `{fields:[…]}`. */
export interface CardForm {
  fields: CardFormField[];
}

/** What a ticket (or picker) card shows; the adapter turns it into `cardParamMap` strings. */
export interface CardView {
  ref: string;
  status: string;
  statusLabel: string;
  title: string;
  lastMessage: string;
  fields: CardField[];
  /** What every holder sees (usually no buttons). */
  publicActions: CardAction[];
  /** Per DingTalk user id: the complete list that user sees (replaces the public list; DingTalk never merges). */
  privateActions: Record<string, CardAction[]>;
  /** Per DingTalk user id: one line for that user only (refusal reason, "done"). */
  privateNotice?: Record<string, string>;
  /**
   * Per DingTalk user id: the Form to show that user (private `form_open` true and `form`), or null to close it
   * (`form_open` false). Users not listed keep whatever Form state they have.
   */
  privateForm?: Record<string, CardForm | null>;
  /**
   * An update (`updateCard`) whose private data is for the users listed only (the holders new since the last update,
   * or whose own buttons changed): every other holder keeps the private data DingTalk has for them (it merges private
   * data per user, docs/dingtalk.md §2.6). Absent: the view lists every holder, and one it leaves out (a holder of
   * an earlier update) is reset to the public buttons.
   */
  privatePartial?: true;
  /**
   * Extra public card variables, each a string (docs/interfaces.md "Ticket card": `tto_deadline`, `ttr_deadline`,
   * `overdue`, `satisfaction`; the FAQ card's `faq`, `question`, `answer`); the same facts are rows of `fields` for
   * templates that do not bind them.
   */
  vars?: Record<string, string>;
  /** The ticket's attachments, listed (`cardParamMap.attachments`, docs/interfaces.md "Chat additions"). */
  attachments?: Array<{ name: string; kind: string; size: number }>;
  /** The first picture's uploaded media id (`cardParamMap.image`), when one was uploaded. */
  image?: string;
}

export interface DeliveryFailure {
  userId?: string;
  conversationId?: string;
  code: string;
  message: string;
  /** true when a later retry may succeed (throttled, 5xx, network). */
  retryable: boolean;
}

export interface DeliveryReport {
  delivered: string[];
  failed: DeliveryFailure[];
}

/**
 * How urgent an outgoing message is when DingTalk's budget (calls per second per API) is short, first to last:
 * `answer` — the answer to the person who just wrote or clicked; `act` — a new delivery to someone who must act
 * (the contacts of a new request, the assignee, an escalation); `update` — a card updated in place; `inform` — an
 * informational notice. Each method has its default (below) when the caller does not say.
 */
export type DeliveryPriority = 'answer' | 'act' | 'update' | 'inform';

export interface ChatGateway {
  /** Push a new robot message to each user (a notice: their phone rings). Batched by the adapter. Default `inform`. */
  notifyUsers(userIds: readonly string[], message: ChatMessage, priority?: DeliveryPriority): Promise<DeliveryReport>;
  /** Post a robot message in a group conversation. Default `inform`. */
  notifyGroup(conversationId: string, message: ChatMessage, priority?: DeliveryPriority): Promise<DeliveryReport>;
  /**
   * Create a card instance (stable `outTrackId`: one per ticket) and deliver it to all the spaces at once (the
   * adapter splits only beyond what one call carries), with every listed user's private data. Delivering an
   * already created `outTrackId` again updates it and delivers it to the spaces instead of duplicating it.
   * Default `act`.
   */
  deliverCard(outTrackId: string, spaces: readonly CardSpace[], card: CardView, priority?: DeliveryPriority): Promise<DeliveryReport>;
  /**
   * Deliver an existing card instance to more spaces (no card data: the new holders' buttons go in the next
   * `updateCard`). A space already holding it is delivered again (not duplicated). Default `act`.
   */
  addCardSpaces(outTrackId: string, spaces: readonly CardSpace[], priority?: DeliveryPriority): Promise<DeliveryReport>;
  /** Update a delivered card in place (public data and each listed user's private data). Not a notice. Default `update`. */
  updateCard(outTrackId: string, card: CardView, priority?: DeliveryPriority): Promise<void>;
  /** Tell one user something privately (e.g. why their click was refused), as a direct robot message. Default `answer`. */
  answerPrivately(userId: string, message: ChatMessage, priority?: DeliveryPriority): Promise<void>;
}
