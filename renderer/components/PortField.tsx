/** The port. A taken port's one-click fix sits next to the Start button (StatusCard). */
import { FieldMessage } from './FieldMessage.js';

interface Props {
  portText: string;
  error?: string;
  disabled: boolean;
  onChange(text: string): void;
}

export function PortField({ portText, error, disabled, onChange }: Props) {
  return (
    <div className="field">
      <label htmlFor="port">Port</label>
      <input
        id="port"
        className="port-input"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={portText}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby="port-msg"
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldMessage
        id="port-msg"
        error={error}
        hint="0 lets the system pick a free port. Ports below 1024 may need administrator rights."
      />
    </div>
  );
}
