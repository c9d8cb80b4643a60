import type * as z from 'zod/mini';
import type { Lang } from '../schemas/common.js';
import type { Problem } from '../schemas/problem.js';

/**
 * The errors the client throws: one family under {@link GuichetError}. Code branches on `code`
 * (the server's stable problem code, or one of the client's own: `network_error`, `timeout`,
 * `invalid_request`, `invalid_response`); people read `message`, in the client's language.
 *
 * An aborted call is not one of them: it rejects with the signal's reason (an `AbortError`
 * `DOMException` unless you aborted with your own), as `fetch` does.
 */

/** A message in each language Guichet speaks. */
export interface Messages {
  fr: string;
  en: string;
}

/** The `name` of each error of the family. */
export type GuichetErrorName =
  | 'GuichetError'
  | 'GuichetHttpError'
  | 'GuichetNetworkError'
  | 'GuichetTimeoutError'
  | 'GuichetValidationError';

// A registered symbol is the same in every realm (iframe, worker, a second copy of the sdk).
const BRAND: unique symbol = Symbol.for('@guichet/sdk/error') as never;

interface ErrorInit {
  /** Language of `message`; `fr` unless told. */
  lang?: Lang | undefined;
  cause?: unknown;
}

/**
 * The base of every error the client throws.
 * @example
 * try {
 *   await client.bookings.submit(accountId, { changes });
 * } catch (error) {
 *   if (isGuichetError(error)) showMessage(error.message);
 *   else throw error;
 * }
 */
export class GuichetError extends Error {
  override readonly name: GuichetErrorName = 'GuichetError';
  /** Stable, machine-readable: branch on it. */
  readonly code: string;
  /** The message in French and in English; `message` is the one of the client's language. */
  readonly messages: Messages;

  constructor(code: string, messages: Messages, init: ErrorInit = {}) {
    super(messages[init.lang ?? 'fr'], init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.messages = messages;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

type ErrorOf<N extends GuichetErrorName> = {
  GuichetError: GuichetError;
  GuichetHttpError: GuichetHttpError;
  GuichetNetworkError: GuichetNetworkError;
  GuichetTimeoutError: GuichetTimeoutError;
  GuichetValidationError: GuichetValidationError;
}[N];

/**
 * Whether `error` is one of Guichet's errors — of a given kind when `name` is given. Works across
 * realms and duplicated copies of the sdk, where `instanceof` does not.
 * @example
 * if (isGuichetError(error, 'GuichetHttpError') && error.code === 'session_expired') signIn();
 */
export function isGuichetError(error: unknown): error is GuichetError;
export function isGuichetError<N extends GuichetErrorName>(error: unknown, name: N): error is ErrorOf<N>;
export function isGuichetError(error: unknown, name?: GuichetErrorName): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ((error as { [BRAND]?: unknown })[BRAND] !== true) return false;
  return name === undefined || name === 'GuichetError' || (error as Error).name === name;
}

/**
 * The server answered with an error (`application/problem+json`). `code` is the problem's code
 * (`invalid_credentials`, `not_found`, ...); `message` is its message in the client's language.
 * An error answer that is not a problem (a proxy's HTML page) gets the code `http_error`.
 * @example
 * try {
 *   await client.auth.login({ login, password, mode: 'token' });
 * } catch (error) {
 *   if (isGuichetError(error, 'GuichetHttpError') && error.code === 'invalid_credentials') ...
 * }
 */
export class GuichetHttpError extends GuichetError {
  override readonly name = 'GuichetHttpError' as const;
  /** HTTP status of the answer. */
  readonly status: number;
  /** The server's id of the request, to quote when asking for help. */
  readonly requestId: string | undefined;
  /** The problem details as the server sent them (with extra members such as `errors`). */
  readonly problem: Problem;

  constructor(problem: Problem, init: ErrorInit & { requestId?: string | undefined } = {}) {
    super(problem.code, problem.messages, init);
    this.status = problem.status;
    this.problem = problem;
    this.requestId = problem.requestId ?? init.requestId;
  }

  /** Field errors of a `validation_failed` answer (`path` like `body.login`); empty otherwise. */
  get errors(): { path: string; message: string }[] {
    return this.problem.errors ?? [];
  }
}

/**
 * The request never got an answer: the server is unreachable, the connection was refused or
 * cut, or CORS forbade it. Retried already when the call was safe to retry.
 */
export class GuichetNetworkError extends GuichetError {
  override readonly name = 'GuichetNetworkError' as const;

  constructor(init: ErrorInit = {}) {
    super(
      'network_error',
      {
        fr: 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
        en: 'The server cannot be reached. Check your connection and try again.',
      },
      init,
    );
  }
}

const seconds = (lang: Lang, ms: number) =>
  new Intl.NumberFormat(lang, { style: 'unit', unit: 'second', maximumFractionDigits: 1 }).format(ms / 1000);

/** The call took longer than its `timeout` (retries and the answer's body included). */
export class GuichetTimeoutError extends GuichetError {
  override readonly name = 'GuichetTimeoutError' as const;
  /** The time allowed, in milliseconds. */
  readonly timeout: number;

  constructor(timeout: number, init: ErrorInit = {}) {
    super(
      'timeout',
      {
        fr: `Le serveur n'a pas répondu dans le délai (${seconds('fr', timeout)}). Réessayez.`,
        en: `The server did not answer in time (${seconds('en', timeout)}). Try again.`,
      },
      init,
    );
    this.timeout = timeout;
  }
}

/**
 * Data that does not match the contract: the call's input, checked before anything is sent
 * (`invalid_request`), or the server's answer (`invalid_response`). `issues` are zod's.
 */
export class GuichetValidationError extends GuichetError {
  override readonly name = 'GuichetValidationError' as const;
  /** `request`: nothing was sent. `response`: the server answered something unexpected. */
  readonly direction: 'request' | 'response';
  /** Name of the endpoint in the contract (`calendar`, `book`, ...). */
  readonly endpoint: string;
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(
    direction: 'request' | 'response',
    endpoint: string,
    issues: readonly z.core.$ZodIssue[],
    init: ErrorInit = {},
  ) {
    const where = issues
      .slice(0, 3)
      .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    super(
      direction === 'request' ? 'invalid_request' : 'invalid_response',
      direction === 'request'
        ? {
            fr: `Demande invalide pour « ${endpoint} » — ${where}`,
            en: `Invalid request for "${endpoint}" — ${where}`,
          }
        : {
            fr: `Réponse inattendue du serveur pour « ${endpoint} » — ${where}`,
            en: `Unexpected answer from the server for "${endpoint}" — ${where}`,
          },
      init,
    );
    this.direction = direction;
    this.endpoint = endpoint;
    this.issues = issues;
  }
}
