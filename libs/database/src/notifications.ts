import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';

/** Waits before connecting again after the listening connection dropped: doubling from the first to the last. */
const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/** Channel names Lexique listens to: plain identifiers, written into LISTEN as they are. */
const CHANNEL = /^[a-z_][a-z0-9_]*$/;

export interface Listening {
  /** Stops listening and closes the connection. */
  close(): Promise<void>;
}

/**
 * PostgreSQL notifications (LISTEN / NOTIFY), a channel on a connection of
 * its own: a pool hands its connections to any statement, and a LISTEN lasts
 * as long as its session. A connection that drops is opened again, waiting
 * longer after each failure; what was notified meanwhile is lost, so the
 * listener is told once it listens again.
 */
export class DatabaseNotifications implements OnApplicationShutdown {
  private readonly logger = new Logger('DatabaseNotifications');
  private readonly listeners = new Set<ChannelListener>();

  constructor(
    private readonly url: string,
    /** Shown in pg_stat_activity, beside the pool's connections. */
    private readonly applicationName: string,
  ) {}

  /**
   * Calls `notified` on each notification of `channel`, and after each
   * reconnection. Resolves once it listens, or once its first attempt failed
   * (it keeps trying in the background): a database that does not answer
   * yet delays nothing.
   */
  async listen(channel: string, notified: () => void): Promise<Listening> {
    if (!CHANNEL.test(channel)) throw new Error(`Not a channel name: ${channel}`);
    const listener = new ChannelListener(this.url, this.applicationName, channel, notified, this.logger);
    this.listeners.add(listener);
    await listener.connect();
    return {
      close: () => {
        this.listeners.delete(listener);
        return listener.close();
      },
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener.close()));
    this.listeners.clear();
  }
}

class ChannelListener {
  private client?: Client;
  private retry?: NodeJS.Timeout;
  private delayMs = RECONNECT_FIRST_MS;
  private closed = false;
  private attempts = 0;

  constructor(
    private readonly url: string,
    private readonly applicationName: string,
    private readonly channel: string,
    private readonly notified: () => void,
    private readonly logger: Logger,
  ) {}

  /** Opens a connection and listens on it; when that fails, or the connection drops later, tries again after a while. */
  async connect(): Promise<void> {
    this.attempts++;
    // keepAlive: a connection lost without a word (a network cut) is noticed too
    const client = new Client({ connectionString: this.url, application_name: this.applicationName, keepAlive: true });
    let dropped = false;
    const drop = (reason: unknown) => {
      if (dropped) return;
      dropped = true;
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      if (this.closed) return;
      this.logger.warn(`listening to ${this.channel} stopped (${String(reason)}): connecting again in ${this.delayMs} ms`);
      this.retry = setTimeout(() => void this.connect(), this.delayMs);
      this.delayMs = Math.min(RECONNECT_MAX_MS, this.delayMs * 2);
    };
    client.on('error', drop);
    client.on('end', () => drop('the connection ended'));
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.notified();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      drop(error);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.delayMs = RECONNECT_FIRST_MS;
    // notifications sent while nobody listened are lost
    if (this.attempts > 1) this.notified();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
