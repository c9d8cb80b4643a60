import { formatIsoDate, formatMoney } from '@guichet/sdk/rules';
import type { IsoDate } from '@guichet/sdk/schemas';
import qrcode from 'qrcode-generator';
import { bookingReportMail, promotionMail, waitingRefusedMail } from './family-mails.js';
import { escapeHtml, type Mail, type MailAttachment } from './outbox.js';
import { type VoucherLoad, voucherLoadMail } from './voucher-mails.js';

/**
 * Mail templates, French then English in one message like the other mails of Guichet (a
 * family's language is not known). Every value is data: escaped in HTML, never markup.
 * `createMailTemplates()` gathers every mail the server sends, those of family-mails.ts and
 * voucher-mails.ts included; the password reset mail is written in services/auth.ts.
 */

type Lang = 'fr' | 'en';
const LOCALE = { fr: 'fr-FR', en: 'en-GB' } as const;

const longDate = (date: IsoDate, lang: Lang) => formatIsoDate(date, LOCALE[lang]);

const dateTime = (instant: Date, lang: Lang, timeZone: string) =>
  new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'full', timeStyle: 'short', timeZone }).format(instant);

const p = (text: string) => `<p>${escapeHtml(text)}</p>`;

/** Text: French, a rule, English. HTML: the same with `lang` on each half. */
function bilingual(fr: { text: string[]; html: string }, en: { text: string[]; html: string }) {
  return {
    text: [...fr.text, '', '----', '', ...en.text].join('\n'),
    html: `<div lang="fr">${fr.html}</div><hr><div lang="en">${en.html}</div>`,
  };
}

// ---- QR image

/** The content id of the QR image in a mail's HTML (`<img src="cid:...">`). */
export const QR_CID = 'qr@guichet';

/**
 * A QR code of `payload` as a GIF (base64): GIF and PNG are the image types every mail client
 * shows, where SVG and `data:` URLs are often blocked. Drawn by qrcode-generator, error correction M.
 */
export function qrImage(payload: string, cellSize = 6): MailAttachment {
  const qr = qrcode(0, 'M');
  qr.addData(payload, 'Byte');
  qr.make();
  const content = qr.createDataURL(cellSize, 4).replace(/^data:image\/gif;base64,/, '');
  return { filename: 'qr-code.gif', contentType: 'image/gif', content, cid: QR_CID };
}

/** Adds a QR image of `payload` to a mail: attached, and shown in the HTML. */
export function withQrImage(mail: Mail, payload: string, alt: string): Mail {
  const img = `<p><img src="cid:${QR_CID}" alt="${escapeHtml(alt)}" width="240" height="240"></p>`;
  return {
    ...mail,
    html: `${img}${mail.html}`,
    attachments: [...(mail.attachments ?? []), qrImage(payload)],
  };
}

/** The voucher mail of voucher-mails.ts with its QR code as an image. */
export function voucherMail(m: VoucherLoad): Mail {
  return withQrImage(voucherLoadMail(m), m.qrPayload, `QR code – ${m.number}`);
}

// ---- payment confirmed

export interface PaymentConfirmed {
  to: string;
  holderName: string;
  structureName: string;
  total: number;
  lines: readonly { walletName: string; amount: number }[];
  /** The provider's reference of the transaction. */
  reference: string;
  paidAt: Date;
  timeZone: string;
}

/** The card payment went through and the wallets are credited (seed 004: "un mail de confirmation"). */
export function paymentConfirmedMail(m: PaymentConfirmed): Mail {
  const half = (lang: Lang) => {
    const money = (c: number) => formatMoney(c, lang);
    const when = dateTime(m.paidAt, lang, m.timeZone);
    const w =
      lang === 'fr'
        ? {
            hello: `Bonjour ${m.holderName},`,
            intro: `Votre paiement par carte de ${money(m.total)} à ${m.structureName} est accepté (${when}).`,
            credited: 'Porte-monnaie crédités :',
            reference: `Référence du paiement : ${m.reference}`,
            end: 'Il apparaît dans votre historique des règlements (mode CB).',
          }
        : {
            hello: `Hello ${m.holderName},`,
            intro: `Your card payment of ${money(m.total)} to ${m.structureName} is accepted (${when}).`,
            credited: 'Wallets credited:',
            reference: `Payment reference: ${m.reference}`,
            end: 'It shows in your payment history (mode CB).',
          };
    const lines = m.lines.map((l) => `${l.walletName} : ${money(l.amount)}`);
    return {
      text: [w.hello, '', w.intro, w.credited, ...lines.map((l) => `  - ${l}`), w.reference, '', w.end],
      html: `${p(w.hello)}${p(w.intro)}${p(w.credited)}<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>${p(w.reference)}${p(w.end)}`,
    };
  };
  return {
    to: m.to,
    kind: 'payment_confirmed',
    subject: `Paiement accepté / Payment accepted – ${formatMoney(m.total, 'fr')} – ${m.structureName}`,
    ...bilingual(half('fr'), half('en')),
  };
}

// ---- places expiring

export interface PlacesExpiring {
  to: string;
  holderName: string;
  networkName: string;
  number: string;
  /** Lots with places left that expire within 30 days. */
  lots: readonly { places: number; lastValidDay: IsoDate }[];
}

/** Places of a cartoonette expire within 30 days: use them first (no carry-over). */
export function placesExpiringMail(m: PlacesExpiring): Mail {
  const total = m.lots.reduce((n, l) => n + l.places, 0);
  const half = (lang: Lang) => {
    const lots = m.lots.map((l) =>
      lang === 'fr'
        ? `${l.places} place${l.places > 1 ? 's' : ''} valable${l.places > 1 ? 's' : ''} jusqu'au ${longDate(l.lastValidDay, lang)} inclus`
        : `${l.places} place${l.places > 1 ? 's' : ''} valid until ${longDate(l.lastValidDay, lang)} included`,
    );
    const w =
      lang === 'fr'
        ? {
            hello: `Bonjour ${m.holderName},`,
            intro: `${total} place${total > 1 ? 's' : ''} de votre cartoonette ${m.number} (${m.networkName}) expire${total > 1 ? 'nt' : ''} dans moins de 30 jours :`,
            end: 'Les places non utilisées à cette date sont perdues (aucun report).',
          }
        : {
            hello: `Hello ${m.holderName},`,
            intro: `${total} place${total > 1 ? 's' : ''} of your voucher ${m.number} (${m.networkName}) expire${total > 1 ? '' : 's'} within 30 days:`,
            end: 'Places not used by then are lost (no carry-over).',
          };
    return {
      text: [w.hello, '', w.intro, ...lots.map((l) => `  - ${l}`), '', w.end],
      html: `${p(w.hello)}${p(w.intro)}<ul>${lots.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>${p(w.end)}`,
    };
  };
  return {
    to: m.to,
    kind: 'places_expiring',
    subject: `Places bientôt expirées / Places expiring soon – ${m.number}`,
    ...bilingual(half('fr'), half('en')),
  };
}

// ---- countermark

export interface CountermarkConfirmation {
  to: string;
  beneficiaryName: string;
  offerName: string;
  venueName: string;
  beginsAt: Date;
  timeZone: string;
  quantity: number;
  price: number;
  token: string;
  cancellationLimit: Date;
}

/** A cinema booking is confirmed: its countermark, to show at the desk. */
export function countermarkConfirmationMail(m: CountermarkConfirmation): Mail {
  const half = (lang: Lang) => {
    const when = dateTime(m.beginsAt, lang, m.timeZone);
    const limit = dateTime(m.cancellationLimit, lang, m.timeZone);
    const w =
      lang === 'fr'
        ? {
            hello: `Bonjour ${m.beneficiaryName},`,
            intro: `Votre réservation est confirmée : « ${m.offerName} », ${m.venueName}, ${when}, ${m.quantity} place${m.quantity > 1 ? 's' : ''}, ${formatMoney(m.price, lang)}.`,
            token: 'Votre contremarque, à présenter à la caisse',
            limit: `Vous pouvez annuler jusqu'au ${limit}.`,
          }
        : {
            hello: `Hello ${m.beneficiaryName},`,
            intro: `Your booking is confirmed: "${m.offerName}", ${m.venueName}, ${when}, ${m.quantity} place${m.quantity > 1 ? 's' : ''}, ${formatMoney(m.price, lang)}.`,
            token: 'Your countermark, to show at the desk',
            limit: `You may cancel until ${limit}.`,
          };
    const colon = lang === 'fr' ? ' : ' : ': ';
    return {
      text: [w.hello, '', w.intro, `${w.token}${colon}${m.token}`, w.limit],
      html: `${p(w.hello)}${p(w.intro)}<p>${escapeHtml(w.token)}${escapeHtml(colon)}<strong style="font-size:1.5em;letter-spacing:.15em">${escapeHtml(m.token)}</strong></p>${p(w.limit)}`,
    };
  };
  return {
    to: m.to,
    kind: 'countermark_confirmation',
    subject: `Réservation confirmée / Booking confirmed – ${m.offerName} – ${m.token}`,
    ...bilingual(half('fr'), half('en')),
  };
}

/**
 * Every mail template of the server, by what it tells: services queue what these return with
 * `ctx.mailer.queue(ctx.db, mail)`, in the transaction of what the mail is about.
 * @example
 * const mails = createMailTemplates();
 * await ctx.mailer.queue(ctx.db, mails.paymentConfirmed({ to, holderName, ... }));
 */
export function createMailTemplates() {
  return {
    bookingReport: bookingReportMail,
    waitingAccepted: promotionMail,
    waitingRefused: waitingRefusedMail,
    paymentConfirmed: paymentConfirmedMail,
    voucherLoaded: voucherMail,
    placesExpiring: placesExpiringMail,
    countermarkConfirmation: countermarkConfirmationMail,
  } as const;
}

export type MailTemplates = ReturnType<typeof createMailTemplates>;
