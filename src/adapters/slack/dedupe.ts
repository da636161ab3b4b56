/**
 * Remembers event ids for a while, so an event Slack delivers again (a retry carrying
 * x-slack-retry-num, or a replay inside the 5-minute signature window) is handled once.
 * In-memory: several HTTP instances behind a load balancer would need a shared store instead.
 */
export type Dedupe = {
  /** True when `id` was seen within the TTL; otherwise records it and returns false. */
  seen(id: string): boolean;
  readonly size: number;
};

export type DedupeOptions = {
  /** Slack retries over about 5 minutes (immediately, after 1 minute, after 5), so 10 minutes covers them. */
  ttlMs?: number;
  /** Bounds memory under a flood of distinct ids: the oldest are forgotten first. */
  maxEntries?: number;
  now?: () => number;
};

export function createDedupe({
  ttlMs = 10 * 60_000,
  maxEntries = 50_000,
  now = Date.now,
}: DedupeOptions = {}): Dedupe {
  // Insertion order is expiry order, since every entry lives for the same TTL.
  const expiries = new Map<string, number>();
  const prune = (t: number) => {
    for (const [id, expiry] of expiries) {
      if (expiry > t && expiries.size <= maxEntries) break;
      expiries.delete(id);
    }
  };
  return {
    seen(id) {
      const t = now();
      prune(t);
      if (expiries.has(id)) return true;
      expiries.set(id, t + ttlMs);
      prune(t);
      return false;
    },
    get size() {
      return expiries.size;
    },
  };
}
