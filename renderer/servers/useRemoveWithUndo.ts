/**
 * Remove with Undo: the tab goes at once, but its log (here and the copy main keeps for a
 * reload) is forgotten only when the removal becomes final — the Undo notice timed out, was
 * dismissed, or the person moved on to another action on the tabs — so Undo brings the tab
 * back with its log.
 */
import { useCallback, useRef, useState } from 'react';
import type { Bridge } from '../bridge.js';
import type { LogStore } from '../log/log-store.js';
import type { RemovedServer, ServersModel } from './useServers.js';

export interface RemoveWithUndo {
  /** The removal the notice offers to undo, if any. */
  pending: RemovedServer | null;
  remove(id: string): void;
  /** Puts the tab back; answers its id so the panel can select it. */
  undo(): string | null;
  /** Makes the pending removal final. */
  finish(): void;
}

export function useRemoveWithUndo(
  model: Pick<ServersModel, 'removeServer' | 'restoreServer'>,
  store: LogStore,
  bridge: Bridge,
): RemoveWithUndo {
  const [pending, setPending] = useState<RemovedServer | null>(null);
  const pendingRef = useRef<RemovedServer | null>(null);

  const settle = useCallback((next: RemovedServer | null) => {
    pendingRef.current = next;
    setPending(next);
  }, []);

  const finish = useCallback(() => {
    const done = pendingRef.current;
    if (done === null) return;
    settle(null);
    store.forget(done.draft.id);
    bridge.clearLog(done.draft.id).catch(() => undefined);
  }, [bridge, settle, store]);

  const remove = useCallback(
    (id: string) => {
      finish(); // one Undo at a time: the earlier removal becomes final
      settle(model.removeServer(id));
    },
    [finish, model, settle],
  );

  const undo = useCallback((): string | null => {
    const removed = pendingRef.current;
    if (removed === null) return null;
    settle(null);
    model.restoreServer(removed);
    return removed.draft.id;
  }, [model, settle]);

  return { pending, remove, undo, finish };
}
