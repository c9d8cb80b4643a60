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
