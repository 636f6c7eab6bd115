/** Retries an assertion until it holds or `timeoutMs` passes (for work finished by a background worker). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000, everyMs = 25): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}
