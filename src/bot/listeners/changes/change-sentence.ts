/** A change refusal as one sentence in the reader's language (errorSentence fills step, team and template). */
export { errorSentence as changeSentence } from '../../views/replies/error-sentence';
