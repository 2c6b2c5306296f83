/**
 * Compares an answer with the reference's example answer: every field the example has must be present with the
 * same JSON type. Objects keyed by ids (subscriptions, chatbot_enabled) are maps: each value is compared with the
 * example's first value. Things of several kinds carry a `type` (and `format`): an answer of a kind the example does
 * not show (an IMAGE payload where the example is TEXT) is only checked for `type` itself, and an array's item is
 * compared with the example items of its own kind. `null` in an example says nothing about the type.
 */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const idKey = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{24})$/i;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "type|format" of an object that has them, else undefined. */
function kindOf(value: unknown): string | undefined {
  if (!isObject(value) || (typeof value['type'] !== 'string' && typeof value['format'] !== 'string')) return undefined;
  return `${String(value['type'])}|${String(value['format'])}`;
}

export function shapeMismatches(example: unknown, actual: unknown, path = '$'): string[] {
  if (example === null) return [];
  const expectedType = jsonType(example);
  const actualType = jsonType(actual);
  if (expectedType !== actualType) return [`${path}: expected ${expectedType}, got ${actualType}`];
  if (Array.isArray(example) && Array.isArray(actual)) {
    if (example.length === 0) return [];
    const examplesHaveKinds = example.some((sample) => kindOf(sample) !== undefined);
    return actual.flatMap((item, index) => {
      const sameKind = examplesHaveKinds ? example.filter((sample) => kindOf(sample) === kindOf(item)) : example;
      if (sameKind.length === 0) return [];
      const candidates = sameKind.map((sample) => shapeMismatches(sample, item, `${path}[${index}]`));
      return candidates.some((mismatches) => mismatches.length === 0)
        ? []
        : (candidates.sort((a, b) => a.length - b.length)[0] ?? []);
    });
  }
  if (isObject(example) && isObject(actual)) {
    if (typeof example['type'] === 'string' && typeof actual['type'] === 'string' && example['type'] !== actual['type']) return [];
    const entries = Object.entries(example);
    if (entries.length > 0 && entries.every(([key]) => idKey.test(key))) {
      const sample = entries[0]?.[1];
      return Object.entries(actual).flatMap(([key, value]) => shapeMismatches(sample, value, `${path}.${key}`));
    }
    return entries.flatMap(([key, value]) =>
      key in actual ? shapeMismatches(value, actual[key], `${path}.${key}`) : [`${path}.${key}: missing`],
    );
  }
  return [];
}
