/**
 * The announcement that a user's row changed (auth/active-user-cache.ts listens, the realtime
 * emitter sends). Kept apart from the cache so worker processes, which only announce, don't load
 * the cache and authentication modules.
 */

/** The channel on which a changed user's id is announced to every API process. */
export const userChangedChannel = (keyPrefix: string) => `${keyPrefix}:user-changed`;

/**
 * The user caches of this process, so the process announcing a change drops its own entry before
 * the announcement leaves: its PUBLISH reply can be read before its own subscriber's copy of the
 * message, and the next request would be served from the stale entry in between.
 */
export const processUserCaches = new Set<{ drop(userId: string): void }>();

/** Drops a changed user from every cache in this process (the announcer's side; see above). */
export function dropUserInProcess(userId: string): void {
  for (const cache of processUserCaches) cache.drop(userId);
}
