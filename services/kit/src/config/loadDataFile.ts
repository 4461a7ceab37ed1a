import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors/LeadflowError';

/**
 * Reads a JSON data file (a scoring model, routing rules, ...) and validates it with `parse`;
 * a missing, malformed or invalid file fails start-up with every problem named.
 */
export function loadDataFile<T>(
  what: string,
  path: string,
  parse: (input: unknown) => { ok: true; value: T } | { ok: false; errors: string[] },
): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ConfigError(`cannot read ${what} ${path}: ${(cause as Error).message}`);
  }
  const parsed = parse(json);
  if (!parsed.ok) throw new ConfigError(`invalid ${what} ${path}:\n  ${parsed.errors.join('\n  ')}`);
  return parsed.value;
}
