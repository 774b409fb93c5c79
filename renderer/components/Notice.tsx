/** A dismissible message across the top: a settings file that was reset, a failed save, a bad drop. */
export function Notice({ text, onDismiss }: { text: string; onDismiss(): void }) {
  return (
    <div className="notice" role="alert">
      <span>{text}</span>
      <button type="button" className="button small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
