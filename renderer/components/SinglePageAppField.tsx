/** "Single-page app": client-side routes survive a reload (the engine's `--spa`). */
import { CheckField } from './CheckField.js';

interface Props {
  checked: boolean;
  disabled: boolean;
  onChange(spa: boolean): void;
}

export function SinglePageAppField({ checked, disabled, onChange }: Props) {
  return (
    <CheckField
      noteId="spa-msg"
      label="Single-page app"
      checked={checked}
      disabled={disabled}
      onChange={onChange}
      note="A missing path without an extension, such as /settings/profile, gets the root index.html, so the app’s own routes survive a reload."
    />
  );
}
