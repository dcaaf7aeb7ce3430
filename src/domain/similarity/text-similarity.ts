/**
 * Text similarity for short chat reports, Chinese or English (pure). A text is normalised (NFKC folds full-width
 * letters, digits and punctuation to their half-width forms; lower case; every run of punctuation, symbols and
 * spaces becomes one space), then cut into character n-grams — bigrams where Chinese is written (two characters
 * are usually a word: 下单, 失败, 客户), trigrams for Latin text (word pieces: "ord", "rde", "der") — and two texts
 * are compared with the Dice coefficient over these n-gram multisets: 2·|A∩B| / (|A|+|B|), from 0 (nothing
 * shared) to 1 (the same n-grams).
 */

/** NFKC, lower case, punctuation/symbols/spaces → one space, trimmed. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Characters that are written without spaces between words (Han, kana, hangul). */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * The n-grams of a normalised text, as a multiset (gram → count): every bigram holding a Chinese (unspaced)
 * character, every trigram holding none. Spaces next to Chinese characters are dropped (they carry no meaning
 * there); spaces between Latin words are kept as word boundaries.
 */
export function ngramsOf(text: string): Map<string, number> {
  const chars = [...normalizeText(text)];
  const kept: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === ' ' && (UNSPACED.test(chars[i - 1] ?? '') || UNSPACED.test(chars[i + 1] ?? ''))) continue;
    kept.push(ch);
  }
  const grams = new Map<string, number>();
  for (const n of [2, 3]) {
    for (let i = 0; i + n <= kept.length; i++) {
      const gram = kept.slice(i, i + n).join('');
      if (gram.trim() === '' || UNSPACED.test(gram) !== (n === 2)) continue;
      grams.set(gram, (grams.get(gram) ?? 0) + 1);
    }
  }
  // A text too short for any n-gram ("慢", "ok") is its own gram, so it can still equal the same short text.
  if (grams.size === 0 && kept.length > 0) grams.set(kept.join(''), 1);
  return grams;
}

/** Dice coefficient of two n-gram multisets: 0 … 1. Two empty sets are not similar (0). */
export function diceOfGrams(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let shared = 0;
  for (const count of a.values()) sizeA += count;
  for (const count of b.values()) sizeB += count;
  if (sizeA + sizeB === 0) return 0;
  for (const [gram, count] of a) shared += Math.min(count, b.get(gram) ?? 0);
  return (2 * shared) / (sizeA + sizeB);
}

/** How similar two texts are: 0 … 1 (Dice over the character n-grams of the normalised texts). */
export function textSimilarity(a: string, b: string): number {
  return diceOfGrams(ngramsOf(a), ngramsOf(b));
}
