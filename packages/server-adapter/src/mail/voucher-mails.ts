import { formatIsoDate } from '@guichet/sdk/rules';
import type { IsoDate } from '@guichet/sdk/schemas';
import { escapeHtml, type Mail } from './outbox.js';

/**
 * Mails to leisure centres about their cartoonette and their group screenings, French then
 * English in one message. Names and messages are data: escaped in HTML, never markup.
 */

const longDate = (date: IsoDate, lang: 'fr' | 'en') => formatIsoDate(date, lang === 'fr' ? 'fr-FR' : 'en-GB');

// "place" is the word in both languages.
const places = (n: number) => `${n} place${n > 1 ? 's' : ''}`;

export interface VoucherLoad {
  to: string;
  holderName: string;
  networkName: string;
  number: string;
  qrPayload: string;
  places: number;
  lastValidDay: IsoDate;
  /** The first load: the mail carries the card itself. */
  created: boolean;
}

/** The cartoonette's number and QR content on its first load; the places loaded on the next ones. */
export function voucherLoadMail(m: VoucherLoad): Mail {
  const fr = {
    subject: m.created ? `Votre cartoonette ${m.number}` : `Votre cartoonette ${m.number} est rechargée`,
    intro: m.created
      ? `Voici votre cartoonette, la carte prépayée de vos places de cinéma chez ${m.networkName}.`
      : `Votre cartoonette a été rechargée par ${m.networkName}.`,
    loaded: `${places(m.places)} chargée${m.places > 1 ? 's' : ''}, valable${m.places > 1 ? 's' : ''} jusqu'au ${longDate(m.lastValidDay, 'fr')} inclus. Aucun report de places.`,
    number: 'Numéro de cartoonette',
    qr: 'Contenu du QR code (à présenter en caisse, imprimé ou sur téléphone)',
    desk: 'À la caisse, le caissier flashe le QR code ou saisit le numéro et débite une place par enfant présent.',
  };
  const en = {
    subject: m.created ? `Your voucher ${m.number}` : `Your voucher ${m.number} was reloaded`,
    intro: m.created
      ? `Here is your voucher, the prepaid card of your cinema places at ${m.networkName}.`
      : `Your voucher was reloaded by ${m.networkName}.`,
    loaded: `${places(m.places)} loaded, valid until ${longDate(m.lastValidDay, 'en')} included. No carry-over.`,
    number: 'Voucher number',
    qr: 'QR code content (show it at the desk, printed or on a phone)',
    desk: 'At the desk, the cashier scans the QR code or types the number and debits one place per child present.',
  };
  const text = [
    `Bonjour ${m.holderName},`,
    '',
    fr.intro,
    fr.loaded,
    `${fr.number} : ${m.number}`,
    ...(m.created ? [`${fr.qr} : ${m.qrPayload}`, fr.desk] : []),
    '',
    '---',
    '',
    `Hello ${m.holderName},`,
    '',
    en.intro,
    en.loaded,
    `${en.number}: ${m.number}`,
    ...(m.created ? [`${en.qr}: ${m.qrPayload}`, en.desk] : []),
  ].join('\n');
  const section = (lang: typeof fr, hello: string, colon: string) =>
    [
      `<p>${hello} ${escapeHtml(m.holderName)},</p>`,
      `<p>${escapeHtml(lang.intro)}</p>`,
      `<p>${escapeHtml(lang.loaded)}</p>`,
      `<p>${escapeHtml(lang.number)}${colon}<strong>${escapeHtml(m.number)}</strong></p>`,
      ...(m.created
        ? [
            `<p>${escapeHtml(lang.qr)}${colon}<code>${escapeHtml(m.qrPayload)}</code></p>`,
            `<p>${escapeHtml(lang.desk)}</p>`,
          ]
        : []),
    ].join('');
  const html = `<div lang="fr">${section(fr, 'Bonjour', '&nbsp;: ')}</div><hr><div lang="en">${section(en, 'Hello', ': ')}</div>`;
  return {
    to: m.to,
    subject: `${fr.subject} / ${en.subject}`,
    text,
    html,
    kind: m.created ? 'voucher_created' : 'voucher_loaded',
  };
}

export interface ScreeningAnswer {
  to: string;
  holderName: string;
  venueName: string;
  session: string;
  date: IsoDate;
  time: string | null;
  confirmed: boolean;
  message: string | null;
}

/** The cinema's answer to a group screening request. */
export function screeningAnswerMail(m: ScreeningAnswer): Mail {
  const when = (lang: 'fr' | 'en') =>
    `${longDate(m.date, lang)}${m.time ? (lang === 'fr' ? ` à ${m.time}` : ` at ${m.time}`) : ''}`;
  const fr = m.confirmed
    ? `Votre séance « ${m.session} » du ${when('fr')} à ${m.venueName} est confirmée.`
    : `Votre demande de séance « ${m.session} » du ${when('fr')} à ${m.venueName} n'a pas pu être acceptée.`;
  const en = m.confirmed
    ? `Your screening "${m.session}" on ${when('en')} at ${m.venueName} is confirmed.`
    : `Your screening request "${m.session}" on ${when('en')} at ${m.venueName} could not be accepted.`;
  const note = m.message ? [m.message] : [];
  const text = [
    `Bonjour ${m.holderName},`,
    '',
    fr,
    ...note,
    '',
    '---',
    '',
    `Hello ${m.holderName},`,
    '',
    en,
    ...note,
  ].join('\n');
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const html = `<div lang="fr">${p(`Bonjour ${m.holderName},`)}${p(fr)}${note.map(p).join('')}</div><hr><div lang="en">${p(`Hello ${m.holderName},`)}${p(en)}${note.map(p).join('')}</div>`;
  return {
    to: m.to,
    subject: m.confirmed
      ? `Séance confirmée / Screening confirmed : ${m.session}`
      : `Séance non retenue / Screening declined : ${m.session}`,
    text,
    html,
    kind: m.confirmed ? 'screening_confirmed' : 'screening_declined',
  };
}
