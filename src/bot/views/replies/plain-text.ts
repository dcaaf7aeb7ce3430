/** User-written text shown back in chat is never amplified; the helpers live in the shared pure module. */
export { charCount, fill, neutralise, oneLine, placeholders, truncate } from '../../../domain/shared/text';
