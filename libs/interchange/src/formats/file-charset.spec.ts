import { charsetNamed, FileCharset, fileText } from './file-charset';

const read = async (chunks: Buffer[], charset?: FileCharset) => {
  let text = '';
  for await (const part of fileText(chunks, charset)) text += part;
  return text;
};

describe('fileText', () => {
  // what French Excel writes for "Dépense d'œuvre : 12 €" in "CSV (séparateur : point-virgule)"
  const excel = Buffer.from([
    0x44, 0xe9, 0x70, 0x65, 0x6e, 0x73, 0x65, 0x20, 0x64, 0x27, 0x9c, 0x75, 0x76, 0x72, 0x65, 0x20, 0x3a, 0x20, 0x31, 0x32, 0x20, 0x80,
  ]);

  it('reads Windows-1252 as Excel means it: é, œ and € included', async () => {
    expect(await read([excel], FileCharset.WINDOWS_1252)).toBe("Dépense d'œuvre : 12 €");
  });

  it('reads Windows-1252 split anywhere into chunks', async () => {
    const chunks = [...excel].map((byte) => Buffer.from([byte]));
    expect(await read(chunks, FileCharset.WINDOWS_1252)).toBe("Dépense d'œuvre : 12 €");
  });

  it('still refuses the same bytes as UTF-8, naming the line', async () => {
    await expect(read([Buffer.from('code\n'), excel])).rejects.toMatchObject({ name: 'EncodingError', line: 2 });
  });

  it('reads UTF-8 with its byte order mark dropped', async () => {
    expect(await read([Buffer.from('\uFEFFCode;Libellé\n', 'utf8')])).toBe('Code;Libellé\n');
  });

  it('knows the names the command line takes', () => {
    expect(charsetNamed('Windows-1252')).toBe(FileCharset.WINDOWS_1252);
    expect(charsetNamed(' utf-8 ')).toBe(FileCharset.UTF_8);
    expect(charsetNamed('latin9')).toBeNull();
  });
});
