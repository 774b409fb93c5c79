/**
 * One on/off setting: a labelled checkbox and the note under it, which says what "on" does
 * (a warning when on is a risk) or what happens while it is off.
 */
import type { ReactNode } from 'react';

interface Props {
  /** The note's element id, for aria-describedby. */
  noteId: string;
  label: ReactNode;
  checked: boolean;
  disabled: boolean;
  onChange(checked: boolean): void;
  note: ReactNode;
  /** Show the note as a warning (what "on" exposes) rather than a hint. */
  warn?: boolean;
}

export function CheckField({ noteId, label, checked, disabled, onChange, note, warn }: Props) {
  return (
    <div className="field">
      <label className="check">
        <input
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-describedby={noteId}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      <p id={noteId} className={warn ? 'field-warning' : 'field-hint'}>
        {note}
      </p>
    </div>
  );
}
