/**
 * Filters by an asynchronous test with at most `concurrency` tests running at once. For
 * answers that ask policy once per name (ClusterStatus lists every key): any token can ask, and
 * one request must not start thousands of policy calls at once.
 */

/** The items `test` accepts, in their order, running at most `concurrency` tests at once. */
export async function filterBounded<T>(
  items: readonly T[],
  concurrency: number,
  test: (item: T) => Promise<boolean>,
): Promise<T[]> {
  const accepted = new Array<boolean>(items.length).fill(false);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      accepted[i] = await test(items[i] as T);
    }
  };
  const workers = Math.max(1, Math.min(concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return items.filter((_, i) => accepted[i]);
}
