/**
 * For "it happens at all, without waiting for X" checks: whether `promise` settles before
 * `ms` passes. Tests pass a bound far above what the behaviour needs and below the timer
 * that would otherwise end the wait (a 15 s keep-alive, say), so a busy machine delays the
 * test without failing it (CONTRIBUTING § Test).
 */
export async function settlesWithin<T>(
  promise: Promise<T>,
  ms: number,
): Promise<{ settled: true; value: T } | { settled: false }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ settled: false }>((resolve) => {
    timer = setTimeout(() => resolve({ settled: false }), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ settled: true as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
