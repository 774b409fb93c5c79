/**
 * "Removed the tab 'site : 8000'. Undo": a removed server can be brought back for a few
 * seconds, or until the next action on the tabs. Focus moves to Undo, because the Remove
 * button it came from is gone with the tab, and a keyboard user should not land on <body>.
 */
import { useEffect, useRef } from 'react';

/** Long enough to notice the mistake and reach the button; short enough not to linger. */
export const UNDO_REMOVE_MS = 10_000;

interface Props {
  /** The removed tab's label, as its tab showed it. */
  label: string;
  onUndo(): void;
  /** Time is up, or the person dismissed it: the removal is final. */
  onFinish(): void;
}

export function UndoRemove({ label, onUndo, onFinish }: Props) {
  const undo = useRef<HTMLButtonElement>(null);
  // The latest onFinish, without restarting the timer when App re-renders.
  const finish = useRef(onFinish);
  useEffect(() => {
    finish.current = onFinish;
  }, [onFinish]);
  useEffect(() => {
    undo.current?.focus();
    const timer = setTimeout(() => finish.current(), UNDO_REMOVE_MS);
    return () => clearTimeout(timer);
  }, []);

  return (
    <div className="notice undo-notice" role="status">
      <span>Removed the tab &lsquo;{label}&rsquo;.</span>
      <span className="notice-actions">
        <button ref={undo} type="button" className="button small primary" onClick={onUndo}>
          Undo
        </button>
        <button type="button" className="button small" onClick={onFinish}>
          Dismiss
        </button>
      </span>
    </div>
  );
}
