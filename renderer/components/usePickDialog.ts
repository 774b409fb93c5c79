/**
 * A "Choose…" button's work: ask main for the system dialog, hand on the chosen path, and
 * keep why the dialog did not open (shown under the field) until the next try.
 */
import { useState } from 'react';
import { errorMessage } from '../../shared/values.js';

export function usePickDialog(
  pick: () => Promise<string | null>,
  onPicked: (path: string) => void,
  what: 'folder' | 'file',
): { choose(): Promise<void>; pickError: string | null } {
  const [pickError, setPickError] = useState<string | null>(null);
  const choose = async () => {
    setPickError(null);
    try {
      const picked = await pick();
      if (picked !== null) onPicked(picked);
    } catch (err) {
      setPickError(`The ${what} dialog did not open: ${errorMessage(err)}`);
    }
  };
  return { choose, pickError };
}
