/**
 * Reading raw reply bytes the way a client would, for hostile tests: which final responses are
 * complete yet, and whether a response head breaks any rule we promise (only the headers the
 * engine writes, a Location that stays on the site).
 */
import { header, parseResponses, type ParsedResponse } from '../helpers/http-response.js';
import { leavesSite } from './location-check.js';

/** Every header name the static handler ever writes; anything else would be injected. */
const ALLOWED_HEADERS = new Set([
  'server',
  'date',
  'content-type',
  'content-length',
  'last-modified',
  'location',
  'connection',
  // Byte ranges and validators (byte-ranges.ts, validators.ts).
  'etag',
  'accept-ranges',
  'content-range',
]);

/** The responses in `bytes` if every one is complete (body = Content-Length), else null. */
export function completeResponses(bytes: Buffer, head = false): ParsedResponse[] | null {
  if (bytes.length === 0) return [];
  let responses: ParsedResponse[];
  try {
    responses = parseResponses(bytes, { head: Array.from({ length: 16 }, () => head) });
  } catch {
    return null;
  }
  for (const response of responses) {
    const length = header(response, 'Content-Length');
    const informational = response.status < 200;
    if (!informational && !head && length !== undefined && response.body.length < Number(length))
      return null;
  }
  return responses;
}

export function finals(responses: ParsedResponse[]): ParsedResponse[] {
  return responses.filter((r) => r.status >= 200);
}

/** Problems in a response head: injected headers, off-site redirects. Empty when clean. */
export function headProblems(response: ParsedResponse): string[] {
  const problems: string[] = [];
  for (const [name, value] of response.headers) {
    if (!ALLOWED_HEADERS.has(name.toLowerCase())) problems.push(`unexpected header ${name}`);
    if (name.toLowerCase() === 'location' && leavesSite(value))
      problems.push(`Location leaves the site: ${value}`);
  }
  return problems;
}
