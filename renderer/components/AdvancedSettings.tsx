/**
 * "Advanced": settings most people never need, folded away so a first run shows only
 * folder, address, port, version and CGI. Opens by itself while one of its settings is on,
 * so a warning it carries is never hidden. New rarely-used settings go inside it.
 */
import { useState, type ReactNode } from 'react';

export function AdvancedSettings({ open, children }: { open: boolean; children: ReactNode }) {
  const [shown, setShown] = useState(open);
  return (
    <details
      className="advanced"
      open={shown || open}
      onToggle={(e) => setShown(e.currentTarget.open)}
    >
      <summary>Advanced</summary>
      <div className="advanced-body">{children}</div>
    </details>
  );
}
