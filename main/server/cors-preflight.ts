/**
 * The CORS preflight (Fetch standard § CORS-preflight fetch): when a server is set to send
 * `Access-Control-Allow-Origin`, a browser asks `OPTIONS` with `Access-Control-Request-Method`
 * before a request that is not "simple" (a PUT, a JSON POST, a custom header). server.py has
 * no do_OPTIONS and answers 501, which fails the real request; with the header configured
 * the engine answers 204 with the matching `Access-Control-Allow-*` headers
 * (docs/architecture.md § Engine: response options).
 */
import type { HTTPMessage } from './http-message.js';
import { TOKEN, TOKEN_LIST } from '../../shared/http-token.js';
import type { HeaderPair } from '../../shared/response-headers.js';

/** How long a browser may cache the preflight's answer (seconds). */
const PREFLIGHT_MAX_AGE = '600';

function findHeader(headers: readonly HeaderPair[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

/**
 * The headers of a 204 preflight answer, or null when this is not a preflight the server
 * should answer (no CORS header configured, not OPTIONS, no requested method).
 */
export function preflightHeaders(
  command: string,
  requestHeaders: HTTPMessage,
  configured: readonly HeaderPair[],
): HeaderPair[] | null {
  if (command !== 'OPTIONS' || findHeader(configured, 'Access-Control-Allow-Origin') === undefined)
    return null;
  const method = requestHeaders.get('Access-Control-Request-Method');
  if (method === undefined || !TOKEN.test(method.trim())) return null;
  const answer: HeaderPair[] = [];
  if (findHeader(configured, 'Access-Control-Allow-Methods') === undefined)
    answer.push([
      'Access-Control-Allow-Methods',
      [...new Set(['GET', 'HEAD', 'POST', 'OPTIONS', method.trim()])].join(', '),
    ]);
  const wanted = requestHeaders.get('Access-Control-Request-Headers')?.trim();
  if (
    wanted &&
    TOKEN_LIST.test(wanted) &&
    findHeader(configured, 'Access-Control-Allow-Headers') === undefined
  )
    answer.push(['Access-Control-Allow-Headers', wanted]);
  if (findHeader(configured, 'Access-Control-Max-Age') === undefined)
    answer.push(['Access-Control-Max-Age', PREFLIGHT_MAX_AGE]);
  return answer;
}
