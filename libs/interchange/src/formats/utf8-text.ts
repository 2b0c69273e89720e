/** The file is not UTF-8: reported with the line where the first invalid byte sits. */
export class EncodingError extends Error {
  constructor(readonly line: number) {
    super('The file is not valid UTF-8 (save it as "CSV UTF-8" or convert it from Latin-1/Windows-1252)');
    this.name = 'EncodingError';
  }
}

/**
 * Decodes a byte stream as strict UTF-8, chunk by chunk, dropping a leading
 * byte order mark. A stray Latin-1 byte stops the import with the line it is
 * on rather than turning into U+FFFD in the dictionary.
 */
export async function* utf8Text(
  chunks: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let line = 1;
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      line += countLines(chunk);
      yield chunk;
      continue;
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const lenient = new TextDecoder('utf-8').decode(chunk);
      throw new EncodingError(line + countLines(lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD')))));
    }
    line += countLines(text);
    if (text) yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw new EncodingError(line);
  }
  if (rest) yield rest;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
