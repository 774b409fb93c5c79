/**
 * The app's "Response headers" setting: presets a person ticks and `Name: value` lines they
 * type, checked here once for the panel (a message next to each line) and for main (which
 * checks the payload again), then turned into the engine's header list
 * (docs/architecture.md § Desktop app: response headers, SPA and password). Each line is
 * judged by the same rule as `-H` (shared/response-headers.ts). Pure.
 */
import { isRecord } from './values.js';
import { MAX_RESPONSE_HEADERS, parseHeaderLine, type HeaderPair } from './response-headers.js';

export interface HeaderPreset {
  label: string;
  /** One line under the checkbox: what it does and what it costs. */
  explain: string;
  headers: readonly HeaderPair[];
}

export const HEADER_PRESETS = {
  'no-cache': {
    label: 'No caching (for development)',
    explain: 'Cache-Control: no-store, so a reload always shows the file as it is now.',
    headers: [['Cache-Control', 'no-store']],
  },
  cors: {
    label: 'Allow other sites (CORS)',
    explain:
      'Access-Control-Allow-Origin: *, and OPTIONS preflights get 204: pages on any site may fetch from this server.',
    headers: [['Access-Control-Allow-Origin', '*']],
  },
  isolation: {
    label: 'Cross-origin isolation',
    explain:
      'COOP same-origin and COEP require-corp: SharedArrayBuffer and threaded WebAssembly work; what a page loads from other sites must allow it.',
    headers: [
      ['Cross-Origin-Opener-Policy', 'same-origin'],
      ['Cross-Origin-Embedder-Policy', 'require-corp'],
    ],
  },
} as const satisfies Record<string, HeaderPreset>;

export type HeaderPresetId = keyof typeof HEADER_PRESETS;
export const HEADER_PRESET_IDS = Object.keys(HEADER_PRESETS) as HeaderPresetId[];

export interface ResponseHeaderSettings {
  /** Ticked presets, in HEADER_PRESET_IDS order. */
  presets: HeaderPresetId[];
  /** `Name: value` lines as typed; blank lines are dropped when the setting is checked. */
  custom: string[];
}

export function noResponseHeaders(): ResponseHeaderSettings {
  return { presets: [], custom: [] };
}

function isPresetId(value: unknown): value is HeaderPresetId {
  return typeof value === 'string' && Object.hasOwn(HEADER_PRESETS, value);
}

/**
 * What is wrong with each custom line (null: nothing), in order. A name a preset or an
 * earlier line already sends is refused: the engine would send both, and a browser reading
 * two `Access-Control-Allow-Origin` fields refuses the response.
 */
export function customHeaderProblems(
  presets: readonly HeaderPresetId[],
  custom: readonly string[],
): Array<string | null> {
  const taken = new Map<string, string>();
  for (const id of presets) {
    for (const [name] of HEADER_PRESETS[id].headers) {
      taken.set(name.toLowerCase(), `"${HEADER_PRESETS[id].label}" already sends ${name}.`);
    }
  }
  return custom.map((line) => {
    if (line.trim() === '') return null;
    const parsed = parseHeaderLine(line.trim());
    if (!parsed.ok) return `${parsed.error[0]?.toUpperCase()}${parsed.error.slice(1)}.`;
    const [name] = parsed.header;
    const clash = taken.get(name.toLowerCase());
    if (clash) return clash;
    taken.set(name.toLowerCase(), `${name} is on an earlier line.`);
    return null;
  });
}

/**
 * The setting from untrusted input (a payload, a settings file), or why not. Absent (a file
 * from before the setting) = no headers, so old files keep loading.
 */
export function readResponseHeaderSettings(
  raw: unknown,
): { value: ResponseHeaderSettings } | { error: string } {
  if (raw === undefined) return { value: noResponseHeaders() };
  if (!isRecord(raw) || !Array.isArray(raw.presets) || !Array.isArray(raw.custom)) {
    return { error: 'Response headers must be presets and lines.' };
  }
  if (!raw.presets.every(isPresetId)) return { error: 'Unknown response-header preset.' };
  if (!raw.custom.every((line) => typeof line === 'string')) {
    return { error: 'Response header lines must be text.' };
  }
  const presets = HEADER_PRESET_IDS.filter((id) => (raw.presets as unknown[]).includes(id));
  const custom = (raw.custom as string[]).map((line) => line.trim()).filter((line) => line !== '');
  const count = presets.reduce((n, id) => n + HEADER_PRESETS[id].headers.length, custom.length);
  if (count > MAX_RESPONSE_HEADERS) {
    return { error: `At most ${MAX_RESPONSE_HEADERS} response headers.` };
  }
  const problems = customHeaderProblems(presets, custom);
  const first = problems.findIndex((problem) => problem !== null);
  if (first !== -1) return { error: `Line ${first + 1}: ${problems[first]}` };
  return { value: { presets, custom } };
}

/** The headers the engine adds to every response: the presets', then the typed lines. */
export function responseHeaderPairs(settings: ResponseHeaderSettings): HeaderPair[] {
  const pairs: HeaderPair[] = settings.presets.flatMap((id) =>
    HEADER_PRESETS[id].headers.map(([name, value]): HeaderPair => [name, value]),
  );
  for (const line of settings.custom) {
    const parsed = parseHeaderLine(line);
    if (parsed.ok) pairs.push(parsed.header);
  }
  return pairs;
}
