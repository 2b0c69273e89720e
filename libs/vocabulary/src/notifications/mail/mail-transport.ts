import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import * as nodemailer from 'nodemailer';
import { LEXIQUE_CONFIG, LexiqueConfig } from '@lexique/core';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail through the server of SMTP_URL with nodemailer; absent without it. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter?: nodemailer.Transporter;

  constructor(@Inject(LEXIQUE_CONFIG) private readonly config: LexiqueConfig) {
    if (config.smtpUrl) this.transporter = nodemailer.createTransport(config.smtpUrl);
  }

  get enabled(): boolean {
    return this.transporter !== undefined;
  }

  async send(message: MailMessage): Promise<void> {
    if (!this.transporter) return;
    await this.transporter.sendMail({ from: this.config.mailFrom, ...message });
  }

  onApplicationShutdown() {
    this.transporter?.close();
  }
}
