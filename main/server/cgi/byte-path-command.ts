/**
 * Node's `spawn` takes strings and writes them out as UTF-8, so a script whose path holds
 * bytes that are not UTF-8 (surrogate-escape.ts) cannot be started directly: the kernel
 * would be asked for another name. Such a command goes through `/bin/sh`, every word written
 * as `printf %b` octal escapes of its bytes; the shell rebuilds the exact bytes and `exec`s
 * them, so the script runs (or fails) exactly as one with a UTF-8 name would.
 */
import { encodeSurrogateEscape, holdsEscapedBytes } from '../surrogate-escape.js';

export interface SpawnWords {
  file: string;
  args: string[];
  argv0: string;
}

const PLAIN_BYTE = /[A-Za-z0-9_./-]/;

/** `printf %b` spelling of the bytes of `word`: every byte but a few plain ones as `\0ooo`. */
function printfEscaped(word: string): string {
  let out = '';
  for (const byte of encodeSurrogateEscape(word)) {
    const ch = String.fromCharCode(byte);
    out += PLAIN_BYTE.test(ch) ? ch : `\\0${byte.toString(8).padStart(3, '0')}`;
  }
  return out;
}

// For each word: decode it (a '.' guards trailing newlines from $(…)), append, drop the
// escaped one; then exec the rebuilt words. `for` reads the word list once, at its start.
const REBUILD_AND_EXEC =
  'for w; do v=$(printf "%b." "$w"); set -- "$@" "${v%.}"; shift; done; exec "$@"';

/** The command as given, or through /bin/sh when any word holds bytes that are not UTF-8. */
export function spawnWordsFor(command: SpawnWords): SpawnWords {
  const words = [command.file, ...command.args];
  if (!words.some(holdsEscapedBytes)) return command;
  return {
    file: '/bin/sh',
    args: ['-c', REBUILD_AND_EXEC, command.argv0, ...words.map(printfEscaped)],
    argv0: 'sh',
  };
}
