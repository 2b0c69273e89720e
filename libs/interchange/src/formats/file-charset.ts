import { utf8Text } from './utf8-text';

/** The character sets an imported file may be written in. */
export enum FileCharset {
  UTF_8 = 'UTF_8',
  /** What French Excel writes for "CSV (séparateur : point-virgule)". */
  WINDOWS_1252 = 'WINDOWS_1252',
}

/** Names `lexique import --charset` accepts, lower case. */
const CHARSET_NAMES: Record<string, FileCharset> = {
  'utf-8': FileCharset.UTF_8,
  utf8: FileCharset.UTF_8,
  'windows-1252': FileCharset.WINDOWS_1252,
  cp1252: FileCharset.WINDOWS_1252,
};

export function charsetNamed(name: string): FileCharset | null {
  return CHARSET_NAMES[name.trim().toLowerCase()] ?? null;
}

/**
 * The file's text, chunk by chunk. UTF-8 is decoded strictly (a stray byte is
 * reported with its line); Windows-1252 maps every byte to a character, so a
 * spreadsheet saved by French Excel reads as it shows there.
 */
export function fileText(
  chunks: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>,
  charset: FileCharset = FileCharset.UTF_8,
): AsyncGenerator<string> {
  return charset === FileCharset.WINDOWS_1252 ? windows1252Text(chunks) : utf8Text(chunks);
}

async function* windows1252Text(
  chunks: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>,
): AsyncGenerator<string> {
  // 0x80 is €, 0x9C is œ, as Excel means them, not Latin-1's control codes; always streamed:
  // Node 20's one-shot decode() of windows-1252 takes a Latin-1 shortcut that maps them wrong
  const decoder = new TextDecoder('windows-1252');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
