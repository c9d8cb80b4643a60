import { expiringWithin, isLotValid } from '@guichet/sdk/rules';
import type { Lot, VoucherDetail } from '@guichet/sdk/schemas';
import { html, nothing, type PropertyValues } from 'lit';
import { GuichetClientController } from '../internal/context.js';
import { formatDate } from '../internal/format.js';
import { GuichetElement } from '../internal/guichet-element.js';
import { strings } from '../internal/localize.js';
import { errorState, loadingState, quietState } from '../internal/states.js';
import { formatInstant } from '../voucher-card/format.js';
import { voucherBalanceStrings } from './voucher-balance.strings.js';
import { styles } from './voucher-balance.styles.js';

/** Days ahead in which expiring places are flagged. */
const SOON_DAYS = 30;

/**
 * The balance of a cartoonette for a centre's or a cinema's page: places left, a warning when
 * places expire within 30 days, the places of each load with its last valid day, the places used
 * (date, cinema, places) and the orders.
 *
 * It refreshes itself every `interval` seconds while the page is visible (and at once when the
 * page becomes visible again), so a debit made at a cinema desk shows within seconds on every
 * phone that looks at the voucher; a change of the balance is announced to screen readers.
 *
 * Give it `.data` (a `VoucherDetail`) to render without a server, or an `api` (or a provider)
 * and an `account` to load and poll it.
 *
 * @summary Places left per lot with expiry, debit and order history; refreshes itself.
 * @attr api - Base URL of the Guichet server, when not under a provider.
 * @attr account - The centre's account id; default: the session's account.
 * @attr interval - Seconds between refreshes while the page is visible (default 15; 0 stops them).
 * @attr lang - `fr` (default) or `en`.
 * @event guichet-session-expired - The server answered 401.
 * @csspart summary - The places left.
 * @csspart warning - The notice of places expiring within 30 days.
 * @csspart lots - The table of loads.
 * @csspart debits - The table of places used.
 * @csspart orders - The table of orders.
 * @csspart state - Loading, empty, signed-out and error messages.
 * @cssproperty --guichet-warning - Expiring places (default a dark orange).
 * @cssproperty --guichet-border - Table lines.
 * @cssproperty --guichet-muted - Expired lots and reversals.
 * @cssproperty --guichet-danger - Errors.
 */
export class VoucherBalance extends GuichetElement {
  static override styles = styles;
  protected static override catalogue = voucherBalanceStrings;
  static override properties = {
    api: {},
    account: {},
    interval: { type: Number },
    data: { attribute: false },
    announcement: { state: true },
  };

  /** Base URL of the Guichet server, when not under a provider. */
  declare api: string;
  /** The centre's account id; default: the session's account. */
  declare account: string;
  /** Seconds between refreshes while the page is visible; 0 stops them. */
  declare interval: number;
  /** The voucher to show. Set it to render without a server; a load replaces it. */
  declare data: VoucherDetail | null;

  /** What the live region says after a refresh changed the balance. */
  declare announcement: string;

  constructor() {
    super();
    this.api = '';
    this.account = '';
    this.interval = 15;
    this.data = null;
    this.announcement = '';
  }

  readonly #guichet = new GuichetClientController(this, () => this.reload());
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Loads the voucher again. */
  async reload(): Promise<void> {
    const accountId = this.#guichet.accountId(this.account);
    if (!accountId) return;
    const detail = await this.#guichet.load((client) =>
      client.call('accountVoucher', { params: { accountId } }),
    );
    if (detail) this.data = detail;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Whether a refresh is planned (false while the page is hidden, or with `interval="0"`). */
  get polling(): boolean {
    return this.#timer !== undefined;
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.isConnected || !(this.interval > 0) || document.visibilityState === 'hidden') return;
    this.#timer = setTimeout(async () => {
      this.#timer = undefined;
      if (this.#guichet.status !== 'loading') await this.reload();
      this.#schedule();
    }, this.interval * 1000);
  }

  #onVisibility = (): void => {
    if (document.visibilityState === 'hidden') {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      return;
    }
    this.reload();
    this.#schedule();
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('data') as VoucherDetail | null | undefined;
    if (changed.has('data') && before && this.data && before.placesLeft !== this.data.placesLeft) {
      this.announcement = strings(voucherBalanceStrings, this.language).updated(this.data.placesLeft);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('interval') && changed.get('interval') !== undefined) this.#schedule();
  }

  protected override render() {
    const t = strings(voucherBalanceStrings, this.language);
    const data = this.data;
    const status = this.#guichet.status;
    if (!data || status === 'expired') {
      if (status === 'loading') return loadingState(t.loading);
      if (status === 'error') return this.#renderError();
      return quietState(t.signedOut);
    }
    const soon = expiringWithin(data.lots, data.today, SOON_DAYS);
    const soonPlaces = soon.reduce((n, l) => n + l.remaining, 0);
    return html`
      <div class="summary" part="summary">
        <h2>${t.heading}</h2>
        <p class="places">${t.placesLeft(data.placesLeft)}</p>
      </div>
      ${
        soonPlaces > 0
          ? html`<p class="warning" part="warning">
              ${t.expiringSoon(soonPlaces, formatDate(soon[0]!.lastValidDay, this.language))}
            </p>`
          : nothing
      }
      <p class="visually-hidden" role="status">${this.announcement}</p>
      ${status === 'error' ? this.#renderError() : nothing}
      ${this.#renderLots(data, new Set(soon.map((l) => l.id)))} ${this.#renderDebits(data)} ${this.#renderOrders(data)}
    `;
  }

  #renderError() {
    const t = strings(voucherBalanceStrings, this.language);
    return errorState(this.#guichet.error, this.language, t, () => this.reload());
  }

  #lotState(lot: Lot, today: string, soon: Set<string>): { key: string; label: string } {
    const t = strings(voucherBalanceStrings, this.language);
    if (!isLotValid(lot, today)) return { key: 'expired', label: t.lotExpired };
    if (lot.remaining === 0) return { key: 'empty', label: t.lotEmpty };
    if (soon.has(lot.id)) return { key: 'soon', label: t.lotSoon };
    return { key: 'valid', label: t.lotValid };
  }

  #renderLots(data: VoucherDetail, soon: Set<string>) {
    const t = strings(voucherBalanceStrings, this.language);
    const lang = this.language;
    if (data.lots.length === 0) return html`<section><p class="state" part="state">${t.noLots}</p></section>`;
    return html`<section class="scroll">
      <table part="lots">
        <caption>${t.lotsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">${t.loadedOn}</th>
            <th scope="col" class="num">${t.loaded}</th>
            <th scope="col" class="num">${t.remaining}</th>
            <th scope="col">${t.lastValidDay}</th>
            <th scope="col">${t.lotState}</th>
          </tr>
        </thead>
        <tbody>
          ${data.lots.map((lot) => {
            const s = this.#lotState(lot, data.today, soon);
            return html`<tr class=${s.key} data-lot=${lot.id}>
              <th scope="row">${formatDate(lot.loadedOn, lang)}</th>
              <td class="num">${lot.places}</td>
              <td class="num">${lot.remaining}</td>
              <td class=${s.key === 'soon' ? 'soon' : ''}>${formatDate(lot.lastValidDay, lang)}</td>
              <td class=${s.key === 'soon' ? 'soon' : ''}>${s.label}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </section>`;
  }

  #renderDebits(data: VoucherDetail) {
    const t = strings(voucherBalanceStrings, this.language);
    if (data.debits.length === 0) return html`<section><p class="state">${t.noDebits}</p></section>`;
    return html`<section class="scroll">
      <table part="debits">
        <caption>${t.debitsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">${t.date}</th>
            <th scope="col">${t.cinema}</th>
            <th scope="col" class="num">${t.places}</th>
          </tr>
        </thead>
        <tbody>
          ${data.debits.map(
            (d) => html`<tr>
              <th scope="row">${formatInstant(d.at, this.language)}</th>
              <td>${d.venueName}${d.reverses ? html` <span class="reversal">${t.reversal(d.reason ?? '')}</span>` : nothing}</td>
              <td class="num">${d.places > 0 ? `−${d.places}` : `+${-d.places}`}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  #renderOrders(data: VoucherDetail) {
    const t = strings(voucherBalanceStrings, this.language);
    const lang = this.language;
    if (data.orders.length === 0) return html`<section><p class="state">${t.noOrders}</p></section>`;
    return html`<section class="scroll">
      <table part="orders">
        <caption>${t.ordersCaption}</caption>
        <thead>
          <tr>
            <th scope="col">${t.orderedOn}</th>
            <th scope="col" class="num">${t.places}</th>
            <th scope="col">${t.firstSession}</th>
            <th scope="col">${t.status}</th>
            <th scope="col">${t.reference}</th>
          </tr>
        </thead>
        <tbody>
          ${data.orders.map(
            (o) => html`<tr>
              <th scope="row">${formatInstant(o.createdAt, lang, 'date')}</th>
              <td class="num">${o.places}</td>
              <td>${formatDate(o.firstSessionDate, lang)}</td>
              <td>${t.orderStatus[o.status]}</td>
              <td>${o.paymentReference ?? '—'}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }
}
