/**
 * server.py's `DEFAULT_ERROR_MESSAGE` and `DEFAULT_ERROR_CONTENT_TYPE`, with the
 * `color-scheme: light dark` declaration Python 3.14 added so error pages follow the
 * reader's theme. Placeholders use Python's `%(name)s` syntax so an overriding
 * `errorMessageFormat` is written exactly as it would be for Python.
 */
export const DEFAULT_ERROR_MESSAGE = `<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <style type="text/css">
            :root {
                color-scheme: light dark;
            }
        </style>
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: %(code)d</p>
        <p>Message: %(message)s.</p>
        <p>Error code explanation: %(code)s - %(explain)s.</p>
    </body>
</html>
`;

export const DEFAULT_ERROR_CONTENT_TYPE = 'text/html;charset=utf-8';

/** Python's `format % {'code': …, 'message': …, 'explain': …}`. */
export function formatNamed(format: string, values: Record<string, string | number>): string {
  return format.replace(/%\(([a-z_]+)\)([sd])|%%/g, (match, name?: string, conversion?: string) => {
    if (match === '%%') return '%';
    const value = values[name ?? ''];
    if (value === undefined) return match;
    return conversion === 'd' ? String(Math.trunc(Number(value))) : String(value);
  });
}

/** `html.escape(text, quote=False)`. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
