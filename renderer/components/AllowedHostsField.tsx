/**
 * Host names the server answers besides IP addresses, localhost and this computer's own
 * names: the check against DNS rebinding (docs/architecture.md § Engine: Host check). The
 * text is kept as typed, so a trailing comma or space is not eaten while the person types;
 * the names go to the draft, where the shared validator judges them.
 */
import { useState } from 'react';
import { splitHostList } from '../../shared/allowed-hosts.js';
import { FieldMessage } from './FieldMessage.js';

interface Props {
  names: string[];
  error?: string;
  disabled: boolean;
  onChange(names: string[]): void;
}

export function AllowedHostsField({ names, error, disabled, onChange }: Props) {
  const [text, setText] = useState(names.join(', '));
  // Another server's draft (or a reload) replaced the names: show those instead.
  const shown = splitHostList(text).join('\n') === names.join('\n') ? text : names.join(', ');
  return (
    <div className="field">
      <label htmlFor="allowed-hosts">Allowed host names</label>
      <input
        id="allowed-hosts"
        type="text"
        autoComplete="off"
        spellCheck={false}
        placeholder="e.g. mylaptop.lan, .example.test"
        value={shown}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby="allowed-hosts-msg"
        onChange={(e) => {
          setText(e.target.value);
          onChange(splitHostList(e.target.value));
        }}
      />
      <FieldMessage
        id="allowed-hosts-msg"
        error={error}
        hint={
          names.includes('*')
            ? 'Any name is answered, as Python does: a web page you visit could read this folder through a name it controls.'
            : 'Addresses, localhost and this computer’s names always work. Other names get 403 unless listed here (* allows any).'
        }
      />
    </div>
  );
}
