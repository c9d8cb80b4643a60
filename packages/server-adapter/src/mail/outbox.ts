import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db.js';

/** A mail ready to queue. Always both text and HTML. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** What it is (booking_report, password_reset...), for tests and the outbox viewer. */
  kind: string;
  /** Files sent with it (a QR image, referenced from the HTML as `cid:`). */
  attachments?: MailAttachment[] | undefined;
}

/** A file sent with a mail, its content in base64; `cid` lets the HTML show it inline. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
  cid?: string | undefined;
}

/** Queues mails in the store, in the caller's transaction: a mail exists iff its cause committed. */
export interface Mailer {
  queue(db: Db, mail: Mail): Promise<void>;
}

export const outboxMailer: Mailer = {
  async queue(db, mail) {
    await db
      .insertInto('mail_outbox')
      .values({
        id: randomUUID(),
        to_address: mail.to,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html,
        kind: mail.kind,
        attachments: JSON.stringify(mail.attachments ?? []),
      })
      .execute();
  },
};

/** Escapes text for HTML mail bodies: names are data, never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
