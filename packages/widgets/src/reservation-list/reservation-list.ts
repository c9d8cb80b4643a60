import { isoDateInZone, memberDisplayName, monthOf } from '@guichet/sdk/rules';
import type { Activity, Member, Reservation, ReservationStatus } from '@guichet/sdk/schemas';
import { html, nothing } from 'lit';
import { type GuichetClient, GuichetClientController } from '../internal/context.js';
import { formatDate } from '../internal/format.js';
import { GuichetElement } from '../internal/guichet-element.js';
import { strings } from '../internal/localize.js';
import { errorState, loadingState, quietState } from '../internal/states.js';
import { reservationStrings } from './reservation-list.strings.js';
import { styles } from './reservation-list.styles.js';

const STATUSES: readonly ReservationStatus[] = ['accepted', 'waitlisted', 'cancelled', 'refused'];

// At most this many calendar months are asked for activity names in one load.
const MAX_NAME_LOOKUPS = 6;

/**
 * The "suivi": the family's reservations in a period, filtered by status, with each member's
 * name, the activity and the status in words (waiting-list position, reason of a refusal);
 * printable.
 *
 * Give it `.data` (reservations), `.members` and `.activities` to render without a server, or an
 * `api` (or a provider) and an `account` (default: the session's family account) to load them.
 * The period and status filter the lines shown in both cases.
 *
 * @summary The reservations of a period with their status, printable.
 * @attr api - Base URL of the Guichet server, when not under a provider.
 * @attr account - Account id; default: the signed-in family's account.
 * @attr from - First date (`YYYY-MM-DD`); default: `today`. Empty attribute value: no bound.
 * @attr to - Last date (`YYYY-MM-DD`); default: none.
 * @attr status - `accepted`, `waitlisted`, `cancelled`, `refused`, or empty for all.
 * @attr today - Today's date (`YYYY-MM-DD`), for tests; default: the date in Europe/Paris.
 * @attr lang - `fr` (default) or `en`.
 * @event guichet-session-expired - The server answered 401.
 * @csspart filters - The period and status form.
 * @csspart input - A filter field.
 * @csspart show - The "Afficher" button.
 * @csspart print - The print button.
 * @csspart table - The table.
 * @csspart status - A status cell (also `status-accepted`, `status-waitlisted`, `status-cancelled`, `status-refused`).
 * @csspart state - Loading, empty, signed-out and error messages.
 * @cssproperty --guichet-accent - Buttons and focus ring.
 * @cssproperty --guichet-border - Table lines.
 * @cssproperty --guichet-muted - Cancelled and refused lines.
 */
export class ReservationList extends GuichetElement {
  static override styles = styles;
  protected static override catalogue = reservationStrings;
  static override properties = {
    api: {},
    account: {},
    from: {},
    to: {},
    status: {},
    today: {},
    data: { attribute: false },
    members: { attribute: false },
    activities: { attribute: false },
    periodError: { state: true },
  };

  /** Base URL of the Guichet server, when not under a provider. */
  declare api: string;
  /** Account id; default: the signed-in family's account. */
  declare account: string;
  /** First date shown (`YYYY-MM-DD`); `undefined`: `today`; empty: no bound. */
  declare from: string | undefined;
  /** Last date shown (`YYYY-MM-DD`); empty: no bound. */
  declare to: string;
  /** Status shown; empty: all. */
  declare status: ReservationStatus | '';
  /** Today (`YYYY-MM-DD`); empty: today in Europe/Paris. */
  declare today: string;
  /** The reservations. Set it to render without a server; a load replaces it. */
  declare data: Reservation[] | null;
  /** The account's members, for their names. Loaded with the account when there is a server. */
  declare members: Pick<Member, 'id' | 'firstName' | 'lastName'>[];
  /** Activity names by id. Filled from the members' calendars when there is a server. */
  declare activities: Pick<Activity, 'id' | 'name'>[];

  declare periodError: string;

  constructor() {
    super();
    this.api = '';
    this.account = '';
    this.to = '';
    this.status = '';
    this.today = '';
    this.data = null;
    this.members = [];
    this.activities = [];
    this.periodError = '';
  }

  // A booking made in another element of the page changes the suivi: load again then too.
  readonly #guichet = new GuichetClientController(this, () => this.reload(), {
    reloadOn: ['guichet-booking-submitted'],
  });

  /** The first date in effect (`today` unless set). */
  get fromDate(): string {
    return this.from ?? (this.today || isoDateInZone(new Date()));
  }

  /** Loads the reservations of the period (and names) again. */
  async reload(): Promise<void> {
    const account = this.#guichet.accountId(this.account);
    if (!account) return;
    const from = this.fromDate;
    const { to, status } = this;
    const loaded = await this.#guichet.load(async (client) => {
      const query = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(status ? { status } : {}) };
      const items: Reservation[] = [];
      const [view] = await Promise.all([
        client.accounts.get(account),
        (async () => {
          for await (const r of client.reservations.list(account, query)) items.push(r);
        })(),
      ]);
      const activities = await this.#activityNames(client, account, items);
      return { members: view.account.members, items, activities };
    });
    if (!loaded) return;
    this.members = loaded.members;
    this.activities = loaded.activities;
    this.data = loaded.items;
  }

  // Reservations carry an activity id only: names come from the members' calendars, one month
  // per member and month needed (a few at most), keeping the names already known.
  async #activityNames(client: GuichetClient, account: string, items: Reservation[]) {
    const known = new Map(this.activities.map((a) => [a.id, a]));
    const wanted = new Map<string, { memberId: string; month: string }>();
    for (const r of items) {
      if (known.has(r.activityId)) continue;
      wanted.set(`${r.memberId}|${monthOf(r.date)}`, { memberId: r.memberId, month: monthOf(r.date) });
    }
    const months = await Promise.all(
      [...wanted.values()]
        .slice(0, MAX_NAME_LOOKUPS)
        .map((q) => client.calendar.month(account, q).catch(() => null)),
    );
    for (const m of months) for (const a of m?.activities ?? []) known.set(a.id, { id: a.id, name: a.name });
    return [...known.values()];
  }

  /** The reservations shown: in the period and status, by date, member and activity. */
  get shown(): Reservation[] {
    const from = this.fromDate;
    const { to, status } = this;
    return (this.data ?? [])
      .filter((r) => (!from || r.date >= from) && (!to || r.date <= to) && (!status || r.status === status))
      .sort(
        (a, b) =>
          a.date.localeCompare(b.date) ||
          this.#memberName(a.memberId).localeCompare(this.#memberName(b.memberId), 'fr') ||
          this.#activityName(a.activityId).localeCompare(this.#activityName(b.activityId), 'fr'),
      );
  }

  protected override render() {
    const t = strings(reservationStrings, this.language);
    return html`
      <form class="no-print" part="filters" aria-label=${t.filters} novalidate @submit=${this.#onFilter}>
        <div class="field">
          <label for="from">${t.from}</label>
          <input id="from" part="input" type="date" .value=${this.fromDate} />
        </div>
        <div class="field">
          <label for="to">${t.to}</label>
          <input
            id="to"
            part="input"
            type="date"
            .value=${this.to}
            aria-invalid=${this.periodError ? 'true' : 'false'}
            aria-describedby=${this.periodError ? 'period-error' : nothing}
          />
        </div>
        <div class="field">
          <label for="status">${t.status}</label>
          <select id="status" part="input">
            <option value="" ?selected=${!this.status}>${t.allStatuses}</option>
            ${STATUSES.map(
              (s) => html`<option value=${s} ?selected=${this.status === s}>${t.statuses[s]}</option>`,
            )}
          </select>
        </div>
        <button type="submit" class="primary" part="show">${t.show}</button>
        <button type="button" part="print" @click=${() => window.print()}>${t.print}</button>
        ${this.periodError ? html`<p id="period-error" class="error" role="alert">${this.periodError}</p>` : nothing}
      </form>
      ${this.#renderBody()}
    `;
  }

  #renderBody() {
    const t = strings(reservationStrings, this.language);
    const status = this.#guichet.status;
    if (status === 'loading') return loadingState(t.loading);
    if (status === 'error') return errorState(this.#guichet.error, this.language, t, () => this.reload());
    if (!this.data || status === 'expired') return quietState(t.signedOut);
    const rows = this.shown;
    if (rows.length === 0) return html`<p class="state" part="state" role="status">${t.empty}</p>`;
    const lang = this.language;
    return html`<div class="scroll">
      <table part="table">
        <caption>${this.#caption()}</caption>
        <thead>
          <tr>
            <th scope="col">${t.date}</th>
            <th scope="col">${t.member}</th>
            <th scope="col">${t.activity}</th>
            <th scope="col">${t.state}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr>
              <td>${formatDate(r.date, lang, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })}</td>
              <td>${this.#memberName(r.memberId)}</td>
              <td>${this.#activityName(r.activityId)}</td>
              <td class=${`status-${r.status}`} part=${`status status-${r.status}`}>${this.#statusText(r)}</td>
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <td colspan="4">${t.count(rows.length)}</td>
          </tr>
        </tfoot>
      </table>
    </div>`;
  }

  #caption(): string {
    const t = strings(reservationStrings, this.language);
    const from = this.fromDate && formatDate(this.fromDate, this.language);
    const to = this.to && formatDate(this.to, this.language);
    if (from && to) return t.captionPeriod(from, to);
    if (from) return t.captionFrom(from);
    if (to) return t.captionTo(to);
    return t.caption;
  }

  #statusText(r: Reservation): string {
    const t = strings(reservationStrings, this.language);
    if (r.status === 'waitlisted' && r.waitPosition) return t.waitlistedAt(r.waitPosition);
    if (r.status === 'refused' && r.refusalReason) return t.refusedBecause(t.reasons[r.refusalReason]);
    return t.statuses[r.status];
  }

  #memberName(id: string): string {
    const member = this.members.find((m) => m.id === id);
    return member ? memberDisplayName(member) : strings(reservationStrings, this.language).unknownMember;
  }

  #activityName(id: string): string {
    return (
      this.activities.find((a) => a.id === id)?.name ??
      strings(reservationStrings, this.language).unknownActivity
    );
  }

  #onFilter(event: SubmitEvent): void {
    event.preventDefault();
    const t = strings(reservationStrings, this.language);
    const value = (id: string) => this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)!.value;
    const from = value('from');
    const to = value('to');
    if (from && to && to < from) {
      this.periodError = t.periodInvalid;
      this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#to')?.focus());
      return;
    }
    this.periodError = '';
    this.from = from;
    this.to = to;
    this.status = value('status') as ReservationStatus | '';
    this.reload();
  }
}
