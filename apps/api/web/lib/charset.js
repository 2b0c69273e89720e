// Which character set a chosen file is written in. Files that are valid
// UTF-8 are UTF-8 (an ASCII file is both); anything else is read as
// Windows-1252, which is what French Excel writes for "CSV (séparateur :
// point-virgule)" and never fails to decode.

export const UTF_8 = 'UTF_8';
export const WINDOWS_1252 = 'WINDOWS_1252';

/** The charset of these bytes (a Uint8Array), as ImportFileInput.charset names it. */
export function detectCharset(bytes) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return UTF_8;
  } catch {
    return WINDOWS_1252;
  }
}

/** The text of these bytes in that charset, without a byte order mark. */
export function decodeText(bytes, charset) {
  const decoder = new TextDecoder(charset === WINDOWS_1252 ? 'windows-1252' : 'utf-8');
  // streamed, then flushed: Node 20's one-shot Windows-1252 decoding is Latin-1's (0x80 is not €)
  return decoder.decode(bytes, { stream: true }) + decoder.decode();
}

/** Bytes in base64, as the import mutation takes them (keeps the file's exact bytes). */
export function toBase64(bytes) {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}
