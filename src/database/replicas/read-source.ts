import { AsyncLocalStorage } from 'node:async_hooks';

/** Which server answered a request's reads, and how old its data may be. */
export interface ReadSource {
  readonly source: 'primary' | 'replica';
  /** Upper bound on how far behind the primary the data read may be, in ms (0 on the primary). */
  readonly lagMs: number;
}

/**
 * One per request on a `@ReadsFromReplica()` route: the first read picks the source and every later read of
 * the request uses it (so the figures of one response come from one server), unless that server fails, in
 * which case the rest of the request reads from the primary.
 */
export class ReadScope {
  chosen: { readonly replica: number | null; readonly lagMs: number } | null = null;
  /**
   * What the response reports: `replica` (with its staleness bound) as soon as any figure of the response came
   * from a replica, even if a later read fell back to the primary; `primary` only when every read was there.
   */
  reported: ReadSource | null = null;
}

export const readScopes = new AsyncLocalStorage<ReadScope>();
