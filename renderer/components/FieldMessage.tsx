/**
 * The message under a field: an error (announced to screen readers) or a quiet hint. The
 * element is always there, even empty, so a field's aria-describedby never points at nothing.
 */
export function FieldMessage({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  if (error) {
    return (
      <p id={id} className="field-error" role="alert">
        {error}
      </p>
    );
  }
  return (
    <p id={id} className="field-hint">
      {hint ?? ''}
    </p>
  );
}
