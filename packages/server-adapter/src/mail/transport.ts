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
 * nodemailer is loaded with the first mail: a server without SMTP never loads it.
 * @example const transport = smtpTransport(process.env.SMTP_URL!, { from: 'Mairie <guichet@ville.fr>' });
 */
export function smtpTransport(url: string, options: SmtpOptions = {}): MailTransport {
  const timeout = options.timeout ?? 10_000;
  let transporter: Promise<import('nodemailer').Transporter> | undefined;
  const open = () => {
    const loading = import('nodemailer').then(({ createTransport }) =>
      createTransport({
        url,
        pool: true,
        maxConnections: 2,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout * 3,
      }),
    );
    // A failed load is tried again with the next mail.
    loading.catch(() => {
      if (transporter === loading) transporter = undefined;
    });
    return loading;
  };
  const from = options.from ?? 'Guichet <no-reply@localhost>';
  return {
    async send(mail) {
      transporter ??= open();
      await (await transporter).sendMail({
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
    close: () => {
      transporter?.then((t) => t.close()).catch(() => {});
    },
  };
}
