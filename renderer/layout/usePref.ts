/**
 * A layout preference of this window (sidebar shown, text size…), kept in localStorage so
 * it survives a reload and a restart. Layout only: nothing here reaches main or a server.
 */
import { useCallback, useState } from 'react';

const PREFIX = 'httpdesk.layout.';

function read<T extends string | boolean>(key: string, fallback: T): T {
  try {
    const raw = window.localStorage.getItem(PREFIX + key);
    if (raw === null) return fallback;
    const value: unknown = JSON.parse(raw);
    return typeof value === typeof fallback ? (value as T) : fallback;
  } catch {
    return fallback; // storage refused or a hand-edited value: the default is fine
  }
}

export function usePref<T extends string | boolean>(
  key: string,
  fallback: T,
): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => read(key, fallback));
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.localStorage.setItem(PREFIX + key, JSON.stringify(next));
      } catch {
        // Not kept across reloads, but it still applies now.
      }
    },
    [key],
  );
  return [value, set];
}
