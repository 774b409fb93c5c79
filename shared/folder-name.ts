/** How the app names a served folder in tabs and messages: its last path segment. */

/** '/home/ann/site' → 'site'; 'C:\\Users\\ann\\site\\' → 'site'. */
export function folderName(folder: string): string {
  const parts = folder.split(/[\\/]+/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? folder;
}
