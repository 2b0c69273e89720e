import { Injectable } from '@nestjs/common';
import { busy } from '@lexique/core';

/** Uploads imported at once by one API process: each holds a pool connection for its whole transaction. */
export const UPLOADS_AT_ONCE = 2;
const RETRY_AFTER_SECONDS = 10;

/**
 * Keeps uploads from taking the connections lookups need: past
 * UPLOADS_AT_ONCE in this process, an upload is refused at once with BUSY
 * rather than queued (imports run one at a time anyway, behind the import lock).
 */
@Injectable()
export class UploadGate {
  private running = 0;

  async run<T>(upload: () => Promise<T>): Promise<T> {
    if (this.running >= UPLOADS_AT_ONCE) {
      throw busy(`${UPLOADS_AT_ONCE} uploads are being imported already: try again in ${RETRY_AFTER_SECONDS} s`, RETRY_AFTER_SECONDS);
    }
    this.running++;
    try {
      return await upload();
    } finally {
      this.running--;
    }
  }
}
