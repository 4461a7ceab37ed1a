/**
 * Resolves with `work`, or rejects once `timeoutMs` passed or `signal` aborted, saying how far the
 * work got.
 */
export async function withTimeout<T>(work: Promise<T>, limits: { timeoutMs: number; signal: AbortSignal }, progress: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${limits.timeoutMs / 1000}s: ${progress()}`)), limits.timeoutMs);
    onAbort = () => reject(new Error(`interrupted: ${progress()}`));
    if (limits.signal.aborted) onAbort();
    else limits.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) limits.signal.removeEventListener('abort', onAbort);
  }
}
