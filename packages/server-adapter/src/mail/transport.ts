import { createTransport } from 'nodemailer';
import type { MailAttachment } from './outbox.js';

/** A mail leaving the outbox. `id` is the outbox row's, and makes the Message-ID. */
export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: readonly MailAttachment[];
}

/** Delivers one mail or throws; the sender job keeps the mail and retries it later. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface SmtpOptions {
  /** `From:`. Default `Guichet <no-reply@localhost>`. */
  from?: string;
  /** Milliseconds to connect and to get the greeting (default 10 s), and of socket silence (30 s). */
  timeout?: number;
}

/**
 * SMTP through nodemailer, from a URL: `smtp://user:pass@host:587` (STARTTLS when offered),
 * `smtps://host:465` (TLS from the start). The transport is pooled: one connection serves a batch.
 * @example const transport = smtpTransport(process.env.SMTP_URL!, { from: 'Mairie <guichet@ville.fr>' });
 */
export function smtpTransport(url: string, options: SmtpOptions = {}): MailTransport {
  const timeout = options.timeout ?? 10_000;
  const transporter = createTransport({
    url,
    pool: true,
    maxConnections: 2,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 3,
  });
  const from = options.from ?? 'Guichet <no-reply@localhost>';
  return {
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${mail.id}@guichet>`,
        attachments: mail.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.content, 'base64'),
          ...(a.cid ? { cid: a.cid } : {}),
        })),
      });
    },
    close: () => transporter.close(),
  };
}
