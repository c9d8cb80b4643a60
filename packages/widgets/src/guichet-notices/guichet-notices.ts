import type { Notice } from '@guichet/sdk/schemas';
import { html } from 'lit';
import { GuichetClientController } from '../internal/context.js';
import { formatInstantDate } from '../internal/format.js';
import { GuichetElement } from '../internal/guichet-element.js';
import { strings } from '../internal/localize.js';
import { errorState, loadingState, quietState } from '../internal/states.js';
import { noticesStrings } from './guichet-notices.strings.js';
import { styles } from './guichet-notices.styles.js';

/**
 * The structure's notices for a family (opening dates of bookings, menus...), newest first,
 * as the seeds' home page shows them. Bodies are plain text (line breaks kept, no HTML).
 *
 * Give it `.data` (notices) to render without a server, or an `api` (or a provider) and an
 * `account` (default: the session's family account) to load them from the account's home.
 *
 * @summary The structure's notices for the account.
 * @attr api - Base URL of the Guichet server, when not under a provider.
 * @attr account - Account id; default: the signed-in family's account.
 * @attr heading-level - Level (2 to 6) of the notices' titles; default 3 (under the "Informations" label, level 2).
 * @attr time-zone - Time zone of publication dates; default the structure's, else Europe/Paris.
 * @attr lang - `fr` (default) or `en`.
 * @event guichet-session-expired - The server answered 401.
 * @csspart list - The list of notices.
 * @csspart notice - One notice.
 * @csspart title - A notice's title.
 * @csspart date - A notice's publication date.
 * @csspart body - A notice's text.
 * @csspart state - Loading, empty, signed-out and error messages.
 * @cssproperty --guichet-accent - The notices' edge and tint.
 * @cssproperty --guichet-radius - Corner radius.
 */
export class GuichetNotices extends GuichetElement {
  static override styles = styles;
  protected static override catalogue = noticesStrings;
  static override properties = {
    api: {},
    account: {},
    headingLevel: { attribute: 'heading-level', type: Number },
    timeZone: { attribute: 'time-zone' },
    data: { attribute: false },
  };

  /** Base URL of the Guichet server, when not under a provider. */
  declare api: string;
  /** Account id; default: the signed-in family's account. */
  declare account: string;
  /** Level of each notice's title (`aria-level`); the list's label is one level above. */
  declare headingLevel: number;
  /** Time zone of publication dates. */
  declare timeZone: string;
  /** The notices. Set it to render without a server; a load replaces it. */
  declare data: Notice[] | null;

  constructor() {
    super();
    this.api = '';
    this.account = '';
    this.headingLevel = 3;
    this.timeZone = '';
    this.data = null;
  }

  readonly #guichet = new GuichetClientController(this, () => this.reload());

  /** Loads the notices again. */
  async reload(): Promise<void> {
    const account = this.#guichet.accountId(this.account);
    if (!account) return;
    const view = await this.#guichet.load((client) => client.accounts.get(account));
    if (!view) return;
    if (!this.timeZone) this.timeZone = view.structure.timeZone;
    this.data = view.notices;
  }

  protected override render() {
    const t = strings(noticesStrings, this.language);
    const status = this.#guichet.status;
    if (status === 'loading') return loadingState(t.loading);
    if (status === 'error') return errorState(this.#guichet.error, this.language, t, () => this.reload());
    if (!this.data || status === 'expired') return quietState(t.signedOut);
    if (this.data.length === 0) return html`<p class="state" part="state">${t.empty}</p>`;
    const level = Math.min(6, Math.max(2, this.headingLevel));
    const notices = [...this.data].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));
    return html`<ul part="list" aria-label=${t.heading}>
      ${notices.map(
        (n) => html`<li>
          <article part="notice" aria-labelledby=${`notice-${n.id}`}>
            <div class="title" part="title" role="heading" aria-level=${level} id=${`notice-${n.id}`}>${n.title}</div>
            <p class="date" part="date">
              ${t.published(formatInstantDate(n.publishedAt, this.language, this.timeZone || 'Europe/Paris'))}
            </p>
            <p class="body" part="body">${n.body}</p>
          </article>
        </li>`,
      )}
    </ul>`;
  }
}
