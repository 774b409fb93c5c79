/**
 * Where to listen: every interface, this computer only, one of this machine's addresses
 * (named by interface), or an address typed by hand.
 */
import { useState } from 'react';
import { interfaceLabel, isLinkLocalIPv6 } from '../../shared/interface-label.js';
import type { NetworkAddress } from '../../shared/ipc.js';
import { FieldMessage } from './FieldMessage.js';

const ALL = '';
const LOOPBACK = '127.0.0.1';
// Not an address anyone can type into the select: marks the "type it yourself" choice.
const TYPED = '*typed*';

interface Props {
  bind: string;
  error?: string;
  disabled: boolean;
  addresses: NetworkAddress[];
  onChange(bind: string): void;
  onRefresh(): void;
}

function hintFor(bind: string): string {
  if (bind === ALL) return 'Phones and other computers on your network can connect.';
  if (bind === '0.0.0.0' || bind === '::')
    return 'Phones and other computers on your network can connect.';
  if (bind === LOOPBACK || bind === '::1' || bind === 'localhost') {
    return 'Only browsers on this computer can connect.';
  }
  return 'Reachable at this address only.';
}

export function BindField({ bind, error, disabled, addresses, onChange, onRefresh }: Props) {
  const known = [ALL, LOOPBACK, ...addresses.map((a) => a.address)];
  const [typing, setTyping] = useState(() => !known.includes(bind));
  const selectValue = typing || !known.includes(bind) ? TYPED : bind;
  // Addresses a phone can reach: not loopback (offered above), not link-local fe80::
  // (unusable without a zone), each once.
  const machine = addresses.filter(
    (a, i) =>
      !a.internal &&
      !isLinkLocalIPv6(a.address) &&
      addresses.findIndex((b) => b.address === a.address) === i,
  );
  return (
    <div className="field">
      <label htmlFor="bind">Listen on</label>
      <select
        id="bind"
        value={selectValue}
        disabled={disabled}
        aria-describedby="bind-msg"
        onFocus={onRefresh}
        onChange={(e) => {
          const value = e.target.value;
          if (value === TYPED) {
            setTyping(true);
            return;
          }
          setTyping(false);
          onChange(value);
        }}
      >
        <option value={ALL}>All interfaces</option>
        <option value={LOOPBACK}>This computer only (127.0.0.1)</option>
        {machine.length > 0 && (
          <optgroup label="This machine's addresses">
            {machine.map((a) => (
              <option key={`${a.name}-${a.address}`} value={a.address}>
                {interfaceLabel(a.name)}: {a.address}
              </option>
            ))}
          </optgroup>
        )}
        <option value={TYPED}>Type an address…</option>
      </select>
      {selectValue === TYPED && (
        <input
          id="bind-typed"
          type="text"
          className="typed-address"
          aria-label="Address to listen on"
          aria-invalid={error ? true : undefined}
          aria-describedby="bind-msg"
          placeholder="e.g. 192.168.1.20 or ::1"
          spellCheck={false}
          value={bind}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <FieldMessage id="bind-msg" error={error} hint={hintFor(bind.trim())} />
    </div>
  );
}
