/**
 * Settings of a running server can be edited; they take effect with "Apply & restart",
 * validated as Start is (a field with an error keeps the button unavailable, the error
 * next to the field). If the new settings fail to start (a taken port, a missing folder),
 * the server is stopped, says Failed, and the reason stands next to the field: the old run
 * is not kept going behind settings that no longer show (docs/architecture.md § Desktop
 * app: apply and restart).
 *
 * The button stays in place, unavailable (aria-disabled) rather than removed, while there
 * is nothing to apply or the server restarts, so keyboard focus stays on it.
 */
import type { ServerState } from '../../shared/ipc.js';

interface Props {
  state: ServerState;
  /** What the edits change (shared/config-changes.ts); null while a field has an error. */
  changes: string[] | null;
  onApply(): void;
  onRevert(): void;
}

export function ApplyRestart({ state, changes, onApply, onRevert }: Props) {
  const restarting = state.status === 'starting';
  const pending = changes !== null && changes.length > 0;
  const ready = pending && !restarting;
  let note: string;
  if (restarting) note = 'Restarting with the new settings…';
  else if (changes === null) note = 'Fix the settings marked in red, then apply them.';
  else if (!pending) note = 'Running. Change a setting, then press Apply & restart.';
  else note = `Changed: ${changes.join(', ')}.`;

  return (
    <div className={pending ? 'apply-bar pending' : 'apply-bar'}>
      <p id="apply-note" className="apply-note" aria-live="polite">
        {note}
      </p>
      <div className="apply-actions">
        <button
          type="button"
          className={ready ? 'button primary small' : 'button small'}
          aria-disabled={!ready}
          aria-describedby="apply-note"
          onClick={() => {
            if (ready) onApply();
          }}
        >
          Apply &amp; restart
        </button>
        {pending && !restarting && (
          <button type="button" className="button small subtle" onClick={onRevert}>
            Undo changes
          </button>
        )}
      </div>
    </div>
  );
}
