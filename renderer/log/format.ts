/** How log values read on screen and in an exported log file. */
import { displayEscapes } from '../../shared/scrub.js';

/**
 * Client-controlled text for the screen. The engine already ran Python's scrub on every
 * record string (shared/log.ts), so `ESC` arrived here as the four characters `\x1b` and a
 * backslash as `\\`; those backslashes stay as they are (scrubbing again would double them),
 * while any raw control character and every bidi/invisible character (Trojan Source) become
 * visible escapes — one pass over the text.
 */
export function displayText(scrubbed: string): string {
  return displayEscapes(scrubbed);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** 14:03:07.412, local time: when the request head was complete. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}

export function formatDuration(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
