import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db.js';
import { prepared } from '../store/prepared.js';

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
    await insertMail(
      db,
      randomUUID(),
      mail.to,
      mail.subject,
      mail.text,
      mail.html,
      mail.kind,
      JSON.stringify(mail.attachments ?? []),
    );
  },
};

const insertMail = prepared(
  (
    db,
    id: string,
    to_address: string,
    subject: string,
    text_body: string,
    html_body: string,
    kind: string,
    attachments: string,
  ) =>
    db.insertInto('mail_outbox').values({ id, to_address, subject, text_body, html_body, kind, attachments }),
);

/** Escapes text for HTML mail bodies: names are data, never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
