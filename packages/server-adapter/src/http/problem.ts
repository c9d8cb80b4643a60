import type { Problem } from '@guichet/sdk/schemas';

/** Every error code the API answers, with its status and its words in French and English. */
const CATALOGUE = {
  validation_failed: [422, 'La demande contient des valeurs invalides.', 'The request has invalid values.'],
  malformed_json: [
    400,
    "Le corps de la demande n'est pas du JSON valide.",
    'The request body is not valid JSON.',
  ],
  unsupported_media_type: [415, 'Envoyez du JSON (application/json).', 'Send JSON (application/json).'],
  payload_too_large: [413, 'La demande est trop volumineuse.', 'The request is too large.'],
  not_found: [404, 'Introuvable.', 'Not found.'],
  method_not_allowed: [405, 'Méthode non permise.', 'Method not allowed.'],
  unauthenticated: [401, 'Veuillez vous identifier.', 'Please sign in.'],
  invalid_credentials: [401, 'Identifiant ou mot de passe incorrect.', 'Wrong login or password.'],
  session_expired: [
    401,
    'Votre session a expiré, veuillez vous identifier à nouveau.',
    'Your session has expired, please sign in again.',
  ],
  forbidden: [403, "Vous n'avez pas accès à cette action.", 'You may not do this.'],
  csrf_rejected: [403, 'Demande refusée : origine inconnue.', 'Request refused: unknown origin.'],
  wrong_password: [403, 'Le mot de passe actuel est incorrect.', 'The current password is wrong.'],
  reset_link_invalid: [
    410,
    'Ce lien de réinitialisation est invalide ou a expiré.',
    'This reset link is invalid or has expired.',
  ],
  idempotency_key_reused: [
    422,
    "Cette clé d'idempotence a déjà servi pour une autre demande.",
    'This idempotency key was already used for another request.',
  ],
  idempotency_key_invalid: [
    400,
    "La clé d'idempotence est invalide (1 à 200 caractères).",
    'The idempotency key is invalid (1 to 200 characters).',
  ],
  conflict: [409, 'Cette action entre en conflit avec une autre.', 'This action conflicts with another one.'],
  rate_limited: [429, 'Trop de tentatives, réessayez plus tard.', 'Too many attempts, try again later.'],
  member_not_in_account: [
    404,
    "Cet enfant n'appartient pas au compte.",
    'This member is not in the account.',
  ],
  unknown_activity: [422, 'Activité inconnue.', 'Unknown activity.'],
  unknown_supplement: [
    422,
    "Ce supplément n'existe pas pour cette activité ou ce jour.",
    'This supplement does not exist for this activity or day.',
  ],
  unknown_wallet: [422, 'Porte-monnaie inconnu.', 'Unknown wallet.'],
  invalid_period: [
    422,
    'La période est invalide (début après la fin, ou plus de 366 jours).',
    'The period is invalid (start after end, or over 366 days).',
  ],
  capacity_below_booked: [
    409,
    'Une capacité ne peut pas descendre sous les places déjà réservées ou en attente.',
    'A capacity cannot go below the places already booked or waiting.',
  ],
  login_taken: [409, 'Cet identifiant est déjà utilisé.', 'This login is already taken.'],
  // ---- vouchers (cartoonettes)
  unknown_voucher: [404, 'Cartoonette inconnue.', 'Unknown voucher.'],
  forged_code: [
    422,
    "Ce code n'est pas celui d'une cartoonette valide (falsifié ou abîmé).",
    'This code is not a valid voucher (forged or damaged).',
  ],
  insufficient_places: [
    409,
    'Il ne reste pas assez de places valides sur la cartoonette.',
    'The voucher does not hold enough valid places.',
  ],
  only_expired_places: [
    409,
    'Les places restantes de la cartoonette ont expiré.',
    "The voucher's remaining places have expired.",
  ],
  voucher_blocked: [409, 'Cette cartoonette est bloquée.', 'This voucher is blocked.'],
  order_too_late: [
    422,
    'Commandez vos places au moins deux semaines avant la première séance.',
    'Order places at least two weeks before the first session.',
  ],
  order_already_paid: [
    409,
    'Cette commande est déjà réglée sous une autre référence.',
    'This order is already paid under another reference.',
  ],
  voucher_email_missing: [
    422,
    "Indiquez l'adresse mail à associer à la cartoonette.",
    'Give the email address to bind to the voucher.',
  ],
  voucher_email_locked: [
    409,
    "L'adresse mail de la cartoonette ne peut pas être modifiée.",
    "The voucher's email address cannot be changed.",
  ],
  debit_already_reversed: [409, 'Ce débit a déjà été annulé.', 'This debit was already reversed.'],
  debit_not_reversible: [
    409,
    "Une annulation de débit ne s'annule pas.",
    'A reversal cannot itself be reversed.',
  ],
  screening_date_passed: [422, 'La date de la séance est passée.', 'The date of the session has passed.'],
  screening_already_decided: [
    409,
    'Cette demande de séance a déjà reçu une réponse.',
    'This screening request was already answered.',
  ],
  // ---- offers, bookings and countermarks
  venue_not_found: [404, 'Lieu introuvable.', 'Venue not found.'],
  offer_not_found: [404, 'Offre introuvable.', 'Offer not found.'],
  stock_not_found: [404, 'Séance introuvable.', 'Session not found.'],
  stock_exists: [
    409,
    'Une séance de cette offre commence déjà à cette heure.',
    'A session of this offer already starts at this time.',
  ],
  booking_not_found: [404, 'Réservation introuvable.', 'Booking not found.'],
  already_booked: [
    409,
    'Cette personne a déjà une réservation pour cette offre.',
    'This person already has a booking for this offer.',
  ],
  offer_not_duo: [
    422,
    "Cette offre n'est pas duo : une seule place par réservation.",
    'This offer is not a duo: one place per booking.',
  ],
  stock_inactive: [
    409,
    "Cette séance n'est pas ouverte à la réservation.",
    'This session is not open for booking.',
  ],
  stock_past: [409, 'Cette séance a déjà commencé.', 'This session has already begun.'],
  stock_booking_limit_passed: [
    409,
    'La date limite de réservation de cette séance est passée.',
    'The booking limit of this session has passed.',
  ],
  stock_full: [
    409,
    'Il ne reste pas assez de places pour cette séance.',
    'There are not enough places left for this session.',
  ],
  countermark_not_found: [
    404,
    "Cette contremarque n'existe pas ou n'est pas celle d'un de vos lieux.",
    'This countermark does not exist or is not for one of your venues.',
  ],
  countermark_reimbursed: [
    409,
    'Cette réservation a déjà été remboursée.',
    'This booking has already been reimbursed.',
  ],
  countermark_already_used: [
    409,
    'Cette contremarque a déjà été validée.',
    'This countermark has already been validated.',
  ],
  countermark_cancelled: [409, 'Cette réservation a été annulée.', 'This booking has been cancelled.'],
  countermark_too_early: [
    409,
    'Cette contremarque ne peut pas encore être validée.',
    'This countermark cannot be validated yet.',
  ],
  countermark_not_used: [
    409,
    "Cette contremarque n'a pas été validée : il n'y a rien à annuler.",
    'This countermark has not been validated: there is nothing to undo.',
  ],
  countermark_cancellation_limit_passed: [
    409,
    "Cette réservation ne peut plus être annulée : le délai d'annulation est passé.",
    'This booking can no longer be cancelled: the cancellation period is over.',
  ],
  countermark_refused_upstream: [
    403,
    'pass Culture refuse cette action sur la contremarque.',
    'pass Culture refuses this action on the countermark.',
  ],
  venue_closed: [
    403,
    'Vous ne pouvez plus valider de contremarque sur une structure fermée.',
    'Countermarks can no longer be validated for a closed venue.',
  ],
  passculture_unavailable: [
    502,
    'Le service pass Culture ne répond pas correctement, réessayez dans un instant.',
    'The pass Culture service is not answering properly, try again in a moment.',
  ],
  import_invalid: [
    422,
    "Le programme n'a pas été importé : des lignes sont invalides.",
    'The programme was not imported: some lines are invalid.',
  ],
  // ---- card payments
  nothing_to_pay: [
    422,
    'Indiquez un montant à payer sur au moins un porte-monnaie.',
    'Give an amount to pay on at least one wallet.',
  ],
  return_url_not_allowed: [
    422,
    "L'adresse de retour n'est pas un site déclaré par la structure.",
    'The return address is not a site the structure declared.',
  ],
  internal: [500, 'Une erreur interne est survenue.', 'An internal error occurred.'],
} as const satisfies Record<string, readonly [number, string, string]>;

export type ProblemCode = keyof typeof CATALOGUE;

/** An error the API answers as `application/problem+json`. Thrown by services, mapped by the app. */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: { fr: string; en: string };
  constructor(
    code: ProblemCode,
    readonly extra: Partial<Problem> & Record<string, unknown> = {},
    messages?: { fr: string; en: string },
  ) {
    const [status, fr, en] = CATALOGUE[code];
    super(messages?.en ?? en);
    this.name = 'ProblemError';
    this.status = status;
    this.code = code;
    this.messages = messages ?? { fr, en };
  }

  toProblem(requestId?: string): Problem {
    return {
      type: `https://guichet.dev/problems/${this.code}`,
      title: this.messages.en,
      status: this.status,
      code: this.code,
      messages: this.messages,
      ...(requestId ? { requestId } : {}),
      ...this.extra,
    };
  }
}

/** Shorthand: `throw problem('not_found')`. */
export const problem = (code: ProblemCode, extra?: ProblemError['extra']) => new ProblemError(code, extra);
