/** The message of an unknown thrown value, for log fields. */
export function errorMessage(err: unknown): string {
  // Duck-typed: errors from another realm (Node's net errors under jest) fail `instanceof Error`.
  if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') {
    return (err as { message: string }).message;
  }
  return typeof err === 'string' ? err : String(JSON.stringify(err) ?? err);
}
