import { formatIsoDate } from '@guichet/sdk/rules';
import type { IsoDate, LineOutcomeKind, RefusalReason } from '@guichet/sdk/schemas';
import { escapeHtml, type Mail } from './outbox.js';

/**
 * Mails to families about their bookings, in French then English in one message (a family's
 * language is not known yet). Names are data: escaped in HTML, never markup.
 */

/** The counts of seed 003's example report ("45 mouvements ... dont 44 nouvelles demandes ..."). */
export interface ReportCounts {
  movements: number;
  additions: number;
  cancellationRequests: number;
  accepted: number;
  waitlisted: number;
  refused: number;
  cancelled: number;
}

/** One line of a report: who, what, when, and what became of it. */
export interface ReportLine {
  memberName: string;
  activityName: string;
  date: IsoDate;
  outcome: LineOutcomeKind;
  position?: number | undefined;
  reason?: RefusalReason | undefined;
}

interface Recipient {
  to: string;
  holderName: string;
  structureName: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

const FR = {
  movements: (n: number) =>
    `${plural(n, 'mouvement', 'mouvements')} sur vos demandes de réservations ${n > 1 ? 'ont été reçus' : 'a été reçu'}, dont :`,
  additions: (n: number) => plural(n, 'nouvelle demande de réservation', 'nouvelles demandes de réservation'),
  cancellationRequests: (n: number) => plural(n, "demande d'annulation", "demandes d'annulation"),
  accepted: (n: number) =>
    `${plural(n, 'réservation', 'réservations')} ${n > 1 ? 'ont été acceptées' : 'a été acceptée'}`,
  waitlisted: (n: number) =>
    `${plural(n, 'réservation', 'réservations')} ${n > 1 ? 'ont été mises' : 'a été mise'} en liste d'attente`,
  refused: (n: number) =>
    `${plural(n, 'réservation', 'réservations')} ${n > 1 ? 'ont été refusées' : 'a été refusée'}`,
  cancelled: (n: number) =>
    `${plural(n, 'réservation', 'réservations')} ${n > 1 ? 'ont été annulées' : 'a été annulée'}`,
  outcome: {
    accepted: 'acceptée',
    waitlisted: "en liste d'attente",
    cancelled: 'annulée',
    refused: 'refusée',
  } satisfies Record<LineOutcomeKind, string>,
  position: (n: number) => `position ${n}`,
  reason: {
    closed: 'jour non ouvert à la réservation',
    deadline_passed: 'date limite dépassée',
    full: 'complet',
    not_eligible: "l'enfant n'a pas l'âge requis",
    same_day_conflict: 'une autre réservation le même jour',
    account_in_debit: 'compte débiteur',
    already_booked: 'déjà réservé',
    not_booked: 'aucune réservation à annuler',
  } satisfies Record<RefusalReason, string>,
};

const EN = {
  movements: (n: number) => `${plural(n, 'change', 'changes')} to your booking requests received, of which:`,
  additions: (n: number) => plural(n, 'new booking request', 'new booking requests'),
  cancellationRequests: (n: number) => plural(n, 'cancellation request', 'cancellation requests'),
  accepted: (n: number) => `${plural(n, 'booking', 'bookings')} accepted`,
  waitlisted: (n: number) => `${plural(n, 'booking', 'bookings')} put on the waiting list`,
  refused: (n: number) => `${plural(n, 'booking', 'bookings')} refused`,
  cancelled: (n: number) => `${plural(n, 'booking', 'bookings')} cancelled`,
  outcome: {
    accepted: 'accepted',
    waitlisted: 'waiting list',
    cancelled: 'cancelled',
    refused: 'refused',
  } satisfies Record<LineOutcomeKind, string>,
  position: (n: number) => `position ${n}`,
  reason: {
    closed: 'day not open for booking',
    deadline_passed: 'deadline passed',
    full: 'full',
    not_eligible: 'the child is not of the required age',
    same_day_conflict: 'another booking the same day',
    account_in_debit: 'account in debit',
    already_booked: 'already booked',
    not_booked: 'nothing to cancel',
  } satisfies Record<RefusalReason, string>,
};

function lineText(line: ReportLine, words: typeof FR, locale: string): string {
  const detail =
    line.outcome === 'waitlisted' && line.position !== undefined
      ? ` (${words.position(line.position)})`
      : line.outcome === 'refused' && line.reason
        ? ` (${words.reason[line.reason]})`
        : '';
  return `${formatIsoDate(line.date, locale, 'full')} – ${line.memberName} – ${line.activityName} : ${words.outcome[line.outcome]}${detail}`;
}

function lineHtml(line: ReportLine, words: typeof FR, locale: string): string {
  return `<li>${escapeHtml(lineText(line, words, locale))}</li>`;
}

/** The report sent right after a basket is decided (seed 003's "compte rendu"). */
export function bookingReportMail(
  recipient: Recipient,
  counts: ReportCounts,
  lines: readonly ReportLine[],
): Mail {
  const { holderName, structureName } = recipient;
  const frCounts = [
    FR.accepted(counts.accepted),
    FR.waitlisted(counts.waitlisted),
    FR.refused(counts.refused),
    FR.cancelled(counts.cancelled),
  ];
  const enCounts = [
    EN.accepted(counts.accepted),
    EN.waitlisted(counts.waitlisted),
    EN.refused(counts.refused),
    EN.cancelled(counts.cancelled),
  ];
  const text = [
    `M. ${holderName}`,
    '',
    `Veuillez trouver ci-dessous un compte rendu des modifications apportées à vos demandes de réservation sur la structure : ${structureName}.`,
    '',
    `- ${FR.movements(counts.movements)}`,
    `  * ${FR.additions(counts.additions)}`,
    `  * ${FR.cancellationRequests(counts.cancellationRequests)}`,
    ...frCounts.map((c) => `- ${c}`),
    '',
    ...lines.map((l) => `  ${lineText(l, FR, 'fr-FR')}`),
    '',
    'Vous pouvez consulter l’état de vos réservations sur notre site Internet.',
    '',
    '----',
    '',
    `Dear ${holderName},`,
    '',
    `Here is a report of the changes to your booking requests at ${structureName}.`,
    '',
    `- ${EN.movements(counts.movements)}`,
    `  * ${EN.additions(counts.additions)}`,
    `  * ${EN.cancellationRequests(counts.cancellationRequests)}`,
    ...enCounts.map((c) => `- ${c}`),
    '',
    ...lines.map((l) => `  ${lineText(l, EN, 'en-GB')}`),
    '',
    'You can check your bookings on our website.',
  ].join('\n');
  const html = [
    `<div lang="fr"><p>M. ${escapeHtml(holderName)}</p>`,
    `<p>Veuillez trouver ci-dessous un compte rendu des modifications apportées à vos demandes de réservation sur la structure : ${escapeHtml(structureName)}.</p>`,
    `<ul><li>${escapeHtml(FR.movements(counts.movements))}<ul><li>${escapeHtml(FR.additions(counts.additions))}</li><li>${escapeHtml(FR.cancellationRequests(counts.cancellationRequests))}</li></ul></li>`,
    ...frCounts.map((c) => `<li>${escapeHtml(c)}</li>`),
    '</ul>',
    lines.length ? `<ul>${lines.map((l) => lineHtml(l, FR, 'fr-FR')).join('')}</ul>` : '',
    '<p>Vous pouvez consulter l’état de vos réservations sur notre site Internet.</p></div><hr>',
    `<div lang="en"><p>Dear ${escapeHtml(holderName)},</p>`,
    `<p>Here is a report of the changes to your booking requests at ${escapeHtml(structureName)}.</p>`,
    `<ul><li>${escapeHtml(EN.movements(counts.movements))}<ul><li>${escapeHtml(EN.additions(counts.additions))}</li><li>${escapeHtml(EN.cancellationRequests(counts.cancellationRequests))}</li></ul></li>`,
    ...enCounts.map((c) => `<li>${escapeHtml(c)}</li>`),
    '</ul>',
    lines.length ? `<ul>${lines.map((l) => lineHtml(l, EN, 'en-GB')).join('')}</ul>` : '',
    '<p>You can check your bookings on our website.</p></div>',
  ].join('');
  return {
    to: recipient.to,
    kind: 'booking_report',
    subject: `Compte rendu de vos réservations / Booking report – ${structureName}`,
    text,
    html,
  };
}

/** One waiting entry: whose, which activity, which day. */
export interface WaitingEntry {
  memberName: string;
  activityName: string;
  date: IsoDate;
}

/** A freed seat went to the family's waiting entry. */
export function promotionMail(recipient: Recipient, entry: WaitingEntry): Mail {
  const { holderName, structureName } = recipient;
  const fr = `${entry.memberName} – ${entry.activityName} – ${formatIsoDate(entry.date, 'fr-FR', 'full')}`;
  const en = `${entry.memberName} – ${entry.activityName} – ${formatIsoDate(entry.date, 'en-GB', 'full')}`;
  return {
    to: recipient.to,
    kind: 'waiting_accepted',
    subject: `Place attribuée / Waiting entry accepted – ${structureName}`,
    text: [
      `M. ${holderName}`,
      '',
      `Une place s'est libérée : votre demande en liste d'attente est acceptée (${structureName}).`,
      `  ${fr}`,
      '',
      "Si cette place ne vous intéresse plus, pensez à l'annuler le plus tôt possible.",
      '',
      '----',
      '',
      `Dear ${holderName},`,
      '',
      `A place came free: your waiting entry is accepted (${structureName}).`,
      `  ${en}`,
      '',
      'If you no longer need it, please cancel it as soon as possible.',
    ].join('\n'),
    html: [
      `<div lang="fr"><p>M. ${escapeHtml(holderName)}</p>`,
      `<p>Une place s'est libérée : votre demande en liste d'attente est acceptée (${escapeHtml(structureName)}).</p>`,
      `<p>${escapeHtml(fr)}</p>`,
      "<p>Si cette place ne vous intéresse plus, pensez à l'annuler le plus tôt possible.</p></div><hr>",
      `<div lang="en"><p>Dear ${escapeHtml(holderName)},</p>`,
      `<p>A place came free: your waiting entry is accepted (${escapeHtml(structureName)}).</p>`,
      `<p>${escapeHtml(en)}</p>`,
      '<p>If you no longer need it, please cancel it as soon as possible.</p></div>',
    ].join(''),
  };
}

/** Waiting entries still pending at the deadline were refused. */
export function waitingRefusedMail(recipient: Recipient, entries: readonly WaitingEntry[]): Mail {
  const { holderName, structureName } = recipient;
  const fr = entries.map(
    (e) => `${e.memberName} – ${e.activityName} – ${formatIsoDate(e.date, 'fr-FR', 'full')}`,
  );
  const en = entries.map(
    (e) => `${e.memberName} – ${e.activityName} – ${formatIsoDate(e.date, 'en-GB', 'full')}`,
  );
  return {
    to: recipient.to,
    kind: 'waiting_refused',
    subject: `Liste d'attente : demande refusée / Waiting entry refused – ${structureName}`,
    text: [
      `M. ${holderName}`,
      '',
      `Aucune place ne s'est libérée avant la date limite : ${entries.length > 1 ? 'ces demandes en liste d’attente sont refusées' : 'cette demande en liste d’attente est refusée'} (${structureName}).`,
      ...fr.map((l) => `  ${l}`),
      '',
      '----',
      '',
      `Dear ${holderName},`,
      '',
      `No place came free before the deadline: ${entries.length > 1 ? 'these waiting entries are' : 'this waiting entry is'} refused (${structureName}).`,
      ...en.map((l) => `  ${l}`),
    ].join('\n'),
    html: [
      `<div lang="fr"><p>M. ${escapeHtml(holderName)}</p>`,
      `<p>Aucune place ne s'est libérée avant la date limite : ${entries.length > 1 ? 'ces demandes en liste d’attente sont refusées' : 'cette demande en liste d’attente est refusée'} (${escapeHtml(structureName)}).</p>`,
      `<ul>${fr.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul></div><hr>`,
      `<div lang="en"><p>Dear ${escapeHtml(holderName)},</p>`,
      `<p>No place came free before the deadline: ${entries.length > 1 ? 'these waiting entries are' : 'this waiting entry is'} refused (${escapeHtml(structureName)}).</p>`,
      `<ul>${en.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul></div>`,
    ].join(''),
  };
}
