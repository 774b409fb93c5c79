/** "Single-page app": client-side routes survive a reload (the engine's `--spa`). */
interface Props {
  checked: boolean;
  disabled: boolean;
  onChange(spa: boolean): void;
}

export function SinglePageAppField({ checked, disabled, onChange }: Props) {
  return (
    <div className="field">
      <label className="check">
        <input
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-describedby="spa-msg"
          onChange={(e) => onChange(e.target.checked)}
        />
        Single-page app
      </label>
      <p id="spa-msg" className="field-hint">
        A missing path without an extension, such as /settings/profile, gets the root index.html, so
        the app’s own routes survive a reload.
      </p>
    </div>
  );
}
