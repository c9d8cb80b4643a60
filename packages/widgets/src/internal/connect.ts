import { createClient, type GuichetClient, GuichetHttpError } from '@guichet/sdk/client';
import type { Lang, Session } from '@guichet/sdk/schemas';
import type { SessionMode } from './context.js';

// Loaded with the sdk client on first use (`connectGuichet` in context.ts), and importing no code
// of the widgets (a shared module would become a chunk of its own): what only a widget that talks
// to the server needs stays out of the page's first bytes.

/** How `connectGuichet` asks: the client's settings, the kept token, and what to do when it is refused. */
export interface Connection {
  api: string;
  lang: Lang;
  /** `token` sends `token` as a bearer; `cookie` lets the browser send the session cookie. */
  mode: SessionMode;
  token: string | undefined;
  /** The session when the caller knows it (a login); `undefined` asks the server. */
  session: Session | null | undefined;
  /** Forgets the kept token (the server refused it). */
  forgetToken: () => void;
}

/** The client for `api` and the page's session. */
export async function connect(c: Connection): Promise<{ client: GuichetClient; session: Session | null }> {
  const client = createClient({
    baseUrl: c.api,
    lang: c.lang,
    credentials: c.mode === 'cookie' ? 'include' : 'omit',
    ...(c.token ? { token: c.token } : {}),
  });
  return { client, session: c.session === undefined ? await restoreSession(client, c) : c.session };
}

// Session requests in flight, by API, mode and kept token: elements connected together (a page's
// lone elements, a provider beside them) share one request. Forgotten once answered, so an
// element connected later asks again and sees a login made meanwhile (another tab's cookie).
const asking = new Map<string, Promise<Session | null>>();

/**
 * The session the server knows for this page (`GET /auth/session`), or `null` when signed out.
 * In token mode without a kept token there is nothing to ask; a refused token is forgotten. Any
 * other failure counts as signed out too.
 */
function restoreSession(client: GuichetClient, c: Connection): Promise<Session | null> {
  if (c.mode === 'token' && !c.token) return Promise.resolve(null);
  const key = `${c.api}|${c.mode}|${c.token}`;
  let session = asking.get(key);
  if (!session) {
    session = client.auth.session().catch((error: unknown) => {
      if (error instanceof GuichetHttpError && error.status === 401 && c.mode === 'token') c.forgetToken();
      return null;
    });
    asking.set(key, session);
    void session.then(() => asking.delete(key));
  }
  return session;
}
