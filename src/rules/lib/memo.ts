// Memoises pure parsers of short strings (instance classes, versions, windows) that repeat across a fleet.

/**
 * Wraps a pure string → value function with a cache. The cache is dropped when it grows past
 * `limit`, so odd inputs cannot make it grow without bound. Results are shared: never mutate them.
 */
export function memoizeString<T>(fn: (input: string) => T, limit = 4096): (input: string) => T {
  let cache = new Map<string, T>();
  return (input) => {
    let hit = cache.get(input);
    if (hit === undefined && !cache.has(input)) {
      if (cache.size >= limit) cache = new Map();
      hit = fn(input);
      cache.set(input, hit);
    }
    return hit as T;
  };
}
