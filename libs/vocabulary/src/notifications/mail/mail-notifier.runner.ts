import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MailNotifier } from './mail-notifier';

const POLL_MS = 5000;
const MAX_PAUSE_MS = 300_000;

/**
 * Runs the mail notifier in the API process while SMTP_URL is set: a round
 * every five seconds, waiting longer (up to five minutes) while the mail
 * server fails.
 */
@Injectable()
export class MailNotifierRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailNotifier');
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private pauseMs = POLL_MS;
  private stopped = false;

  constructor(private readonly notifier: MailNotifier) {}

  onApplicationBootstrap() {
    if (this.notifier.enabled) this.schedule(0);
  }

  async onApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  private schedule(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.runRound().finally(() => this.schedule(this.pauseMs));
    }, delay);
  }

  private async runRound() {
    try {
      await this.notifier.catchUp();
      this.pauseMs = POLL_MS;
    } catch (error) {
      this.pauseMs = Math.min(MAX_PAUSE_MS, this.pauseMs * 2);
      this.logger.warn(`mail paused for ${this.pauseMs} ms: ${String(error)}`);
    }
  }
}
