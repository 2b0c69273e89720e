import { Injectable } from '@nestjs/common';
import { badInput, Gql, RequestContext } from '@lexique/core';
import { FileCharset } from '../formats/file-charset';
import { resolveFormat } from '../formats/interchange-format';
import { ImportReport } from './import-report';
import { ImportService } from './import.service';

/** Uploads through GraphQL stay small (the JSON body limit is 5 MB); the CLI streams files of any size. */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

/** The GraphQL upload: a string payload (text or base64), which works with Apollo's CSRF prevention unlike multipart. */
@Injectable()
export class ImportUploadService {
  constructor(private readonly imports: ImportService) {}

  importUpload(ctx: RequestContext, input: Gql.ImportFileInput): Promise<ImportReport> {
    const format = resolveFormat(input.fileName, input.format);
    const bytes = input.encoding === Gql.FileEncoding.BASE64 ? Buffer.from(input.content, 'base64') : Buffer.from(input.content, 'utf8');
    if (input.encoding === Gql.FileEncoding.BASE64 && !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(input.content)) {
      throw badInput('input.content', '"input.content" is not base64');
    }
    const charset = input.charset === Gql.FileCharset.WINDOWS_1252 ? FileCharset.WINDOWS_1252 : FileCharset.UTF_8;
    if (charset !== FileCharset.UTF_8 && input.encoding !== Gql.FileEncoding.BASE64) {
      throw badInput('input.charset', 'A charset applies to the bytes of BASE64 content; TEXT content is already text');
    }
    if (bytes.length > MAX_UPLOAD_BYTES) {
      throw badInput('input.content', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: import it with \`lexique import\``);
    }
    return this.imports.import(ctx, [bytes], {
      format,
      fileName: input.fileName,
      dryRun: input.dryRun === true,
      domain: input.domain ?? undefined,
      system: input.system ?? undefined,
      submit: input.submit === true,
      charset,
    });
  }
}
