/**
 * Guards for values that arrive untyped (JSON files, IPC payloads, thrown things). Pure, so
 * the engine, main and the renderer share one copy.
 */

/** A plain object such as JSON.parse makes: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message of whatever was thrown: an Error's message, else its string form. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
