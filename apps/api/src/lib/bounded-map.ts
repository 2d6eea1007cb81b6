/**
 * Sets `key` as the newest entry of a Map used as a bounded cache: a Map iterates in insertion
 * order, so past `limit` the first entry is the oldest, and it goes.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value as K);
}
