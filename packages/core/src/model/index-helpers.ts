/**
 * Small helpers for nested persistent maps used as indexes: add to or remove from a set or map
 * stored under a key, dropping containers that become empty so memory follows the model.
 */
import { Map as ImmutableMap, Set as ImmutableSet } from 'immutable';

/** `index[key]` with `value` added to its set. */
export function addToSet<K, V>(
  index: ImmutableMap<K, ImmutableSet<V>>,
  key: K,
  value: V,
): ImmutableMap<K, ImmutableSet<V>> {
  return index.set(key, (index.get(key) ?? ImmutableSet<V>()).add(value));
}

/** `index[key]` without `value`; the key goes when its set is empty. */
export function removeFromSet<K, V>(
  index: ImmutableMap<K, ImmutableSet<V>>,
  key: K,
  value: V,
): ImmutableMap<K, ImmutableSet<V>> {
  const set = index.get(key);
  if (set === undefined) return index;
  const next = set.delete(value);
  return next.isEmpty() ? index.delete(key) : index.set(key, next);
}

/** `index[key][inner] = value`. */
export function setIn2<K, K2, V>(
  index: ImmutableMap<K, ImmutableMap<K2, V>>,
  key: K,
  inner: K2,
  value: V,
): ImmutableMap<K, ImmutableMap<K2, V>> {
  return index.set(key, (index.get(key) ?? ImmutableMap<K2, V>()).set(inner, value));
}

/** `index[key]` without `inner`; the key goes when its map is empty. */
export function deleteIn2<K, K2, V>(
  index: ImmutableMap<K, ImmutableMap<K2, V>>,
  key: K,
  inner: K2,
): ImmutableMap<K, ImmutableMap<K2, V>> {
  const map = index.get(key);
  if (map === undefined) return index;
  const next = map.delete(inner);
  return next.isEmpty() ? index.delete(key) : index.set(key, next);
}
