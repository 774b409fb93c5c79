/**
 * A QR code drawn as SVG by React: no data URL, no innerHTML, so nothing to relax in the CSP.
 * Modules come from the `qrcode` package's encoder; the quiet zone is 4 modules (ISO 18004).
 */
import { useMemo } from 'react';
import QRCode from 'qrcode';

const QUIET_ZONE = 4;

export function QrCode({ text, size = 220 }: { text: string; size?: number }) {
  const { path, extent } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let y = 0; y < modules.size; y++) {
      for (let x = 0; x < modules.size; x++) {
        if (modules.get(y, x)) d += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`;
      }
    }
    return { path: d, extent: modules.size + QUIET_ZONE * 2 };
  }, [text]);
  return (
    <svg
      className="qr"
      role="img"
      aria-label={`QR code for ${text}`}
      width={size}
      height={size}
      viewBox={`0 0 ${extent} ${extent}`}
      shapeRendering="crispEdges"
    >
      <rect width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
