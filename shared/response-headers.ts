/**
 * Response headers a person adds to every response (`-H "Name: value"`, the app's headers
 * editor), checked once here for both (docs/architecture.md § Engine: response options).
 * The engine's `sendHeader` refuses the same things again; checking here turns a bad line
 * into a message next to the field or a usage error instead of a failed response. Pure.
 */

import { TOKEN } from './http-token.js';

export type HeaderPair = [name: string, value: string];

/** At most this many added headers per server. */
export const MAX_RESPONSE_HEADERS = 32;
/** A value longer than this is not a header a person types. */
export const MAX_RESPONSE_HEADER_VALUE = 4096;

// Visible latin-1 characters, spaces and tabs: no CR, LF, NUL or other controls (header
// injection), nothing sendHeader would refuse.
const FIELD_VALUE = /^[\t\x20-\x7e\xa0-\xff]*$/;

export type HeaderCheck = { ok: true; header: HeaderPair } | { ok: false; error: string };

/** Checks one name and value. */
export function checkHeader(name: string, value: string): HeaderCheck {
  if (!TOKEN.test(name)) {
    return { ok: false, error: `"${name.slice(0, 60)}" is not a header name (letters, digits, -)` };
  }
  if (!FIELD_VALUE.test(value)) {
    return {
      ok: false,
      error: `the value of ${name} has a line break or control character`,
    };
  }
  if (value.length > MAX_RESPONSE_HEADER_VALUE) {
    return {
      ok: false,
      error: `the value of ${name} is longer than ${MAX_RESPONSE_HEADER_VALUE} characters`,
    };
  }
  return { ok: true, header: [name, value.trim()] };
}

/** Parses `Name: value` (the `-H` argument): the first colon splits, spaces around the value go. */
export function parseHeaderLine(line: string): HeaderCheck {
  const colon = line.indexOf(':');
  if (colon <= 0) return { ok: false, error: `"${line.slice(0, 60)}" is not "Name: value"` };
  return checkHeader(line.slice(0, colon), line.slice(colon + 1));
}
