/**
 * A one-line progress display for long imports: percentage of the file read,
 * rows and rate. Only on a terminal; pipes and logs get the final report only.
 */
export class ProgressLine {
  private readonly started = Date.now();
  private lastDrawn = 0;
  private bytes = 0;

  constructor(
    private readonly totalBytes: number,
    private readonly stream: NodeJS.WriteStream = process.stdout,
  ) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  read(bytes: number) {
    this.bytes += bytes;
  }

  rows(count: number) {
    const now = Date.now();
    if (!this.enabled || now - this.lastDrawn < 200) return;
    this.lastDrawn = now;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const share = this.totalBytes ? Math.min(100, Math.floor((this.bytes / this.totalBytes) * 100)) : 0;
    const width = 24;
    const filled = Math.round((share / 100) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    this.stream.write(
      `\r${bar} ${String(share).padStart(3)} %  ${count.toLocaleString('fr-FR')} lignes  ${Math.round(count / seconds).toLocaleString('fr-FR')} lignes/s `,
    );
  }

  done() {
    if (this.enabled && this.lastDrawn) this.stream.write('\r\x1b[2K');
  }
}
