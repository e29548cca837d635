/**
 * Maps as JSON objects. Documents on the wire and in the store hold string-keyed maps as plain
 * objects, which read well in both places.
 */

/** A map's entries as an object (keys in the map's order, as JSON keeps them). */
export function mapToObject<V>(map: Iterable<readonly [string, V]>): Record<string, V> {
  const object: Record<string, V> = {};
  for (const [key, value] of map) Object.defineProperty(object, key, { value, enumerable: true });
  return object;
}

/** An object's own entries as a map. */
export function objectToMap<V>(object: Readonly<Record<string, V>>): Map<string, V> {
  return new Map(Object.entries(object));
}
