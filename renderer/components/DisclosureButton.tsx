/**
 * A button that shows and hides one region (WAI-ARIA disclosure pattern): it says whether
 * the region is expanded and which element it controls, and flips `expanded` when pressed.
 */
import type { ReactNode } from 'react';

interface Props {
  expanded: boolean;
  /** The id of the region it shows and hides. */
  controls: string;
  onToggle(expanded: boolean): void;
  className: string;
  children: ReactNode;
}

export function DisclosureButton({ expanded, controls, onToggle, className, children }: Props) {
  return (
    <button
      type="button"
      className={className}
      aria-expanded={expanded}
      aria-controls={controls}
      onClick={() => onToggle(!expanded)}
    >
      {children}
    </button>
  );
}
