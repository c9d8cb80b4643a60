import type { VoucherDetail } from '@guichet/sdk/schemas';
import { html, nothing } from 'lit';
import { GuichetClientController } from '../internal/context.js';
import { formatDate } from '../internal/format.js';
import { GuichetElement } from '../internal/guichet-element.js';
import { strings } from '../internal/localize.js';
import { errorState, loadingState, quietState } from '../internal/states.js';
import { drawQr } from './qr.js';
import { voucherCardStrings } from './voucher-card.strings.js';
import { styles } from './voucher-card.styles.js';

/**
 * A leisure centre's cartoonette as a card to show on a phone at the cinema desk or to print:
 * the QR code of the voucher (its signed `qrPayload`), the number in large type for the cashier
 * to type, the places left and the nearest expiry. Printing the page prints the card alone, large.
 *
 * The QR is drawn with qr-code-styling, loaded only when a card has a voucher to draw, as an
 * inline SVG (works under a strict Content-Security-Policy).
 *
 * Give it `.data` (a `VoucherDetail`, as `GET /accounts/{accountId}/voucher` answers) to render
 * without a server, or an `api` (or a provider) and an `account` to load it.
 *
 * @summary The cartoonette: QR code, number, places left and nearest expiry, printable.
 * @attr api - Base URL of the Guichet server, when not under a provider.
 * @attr account - The centre's account id; default: the session's account.
 * @attr lang - `fr` (default) or `en`.
 * @event guichet-session-expired - The server answered 401.
 * @csspart card - The card.
 * @csspart qr - The QR code's box (an image labelled with the number).
 * @csspart number - The voucher number.
 * @csspart holder - The holder's name.
 * @csspart places - The places left.
 * @csspart expiry - The nearest expiry.
 * @csspart blocked - The notice of a blocked voucher.
 * @csspart print - The "Imprimer" button.
 * @csspart state - Loading, empty, signed-out and error messages.
 * @cssproperty --guichet-qr-size - Side of the QR code (default 15rem).
 * @cssproperty --guichet-qr-color - Colour of the QR modules, read when it is drawn (default black; keep it dark).
 * @cssproperty --guichet-border - The card's border.
 * @cssproperty --guichet-radius - Corner radius.
 * @cssproperty --guichet-danger - The blocked notice.
 */
export class VoucherCard extends GuichetElement {
  static override styles = styles;
  protected static override catalogue = voucherCardStrings;
  static override properties = {
    api: {},
    account: {},
    data: { attribute: false },
    qrStatus: { state: true },
  };

  /** Base URL of the Guichet server, when not under a provider. */
  declare api: string;
  /** The centre's account id; default: the session's account. */
  declare account: string;
  /** The voucher to show. Set it to render without a server; a load replaces it. */
  declare data: VoucherDetail | null;

  /** Where the QR drawing stands. */
  declare qrStatus: 'idle' | 'drawing' | 'ready' | 'error';

  constructor() {
    super();
    this.api = '';
    this.account = '';
    this.data = null;
    this.qrStatus = 'idle';
  }

  readonly #guichet = new GuichetClientController(this, () => this.reload());
  #drawn: string | undefined;
  #svg: SVGSVGElement | undefined;

  /** Loads the voucher again. */
  async reload(): Promise<void> {
    const accountId = this.#guichet.accountId(this.account);
    if (!accountId) return;
    const detail = await this.#guichet.load((client) =>
      client.call('accountVoucher', { params: { accountId } }),
    );
    if (detail) this.data = detail;
  }

  /** Resolves once the QR code of the current voucher is drawn (or failed). */
  get qrComplete(): Promise<void> {
    return this.#qrPromise;
  }
  #qrPromise: Promise<void> = Promise.resolve();

  protected override updated(): void {
    const payload = this.data?.voucher?.qrPayload;
    if (payload && payload !== this.#drawn) {
      this.#drawn = payload;
      this.#qrPromise = this.#draw(payload);
    }
    // The card was rendered again (after a loading or error state): put the drawing back.
    const box = this.renderRoot.querySelector('[part~="qr"]');
    if (this.#svg && box && !box.contains(this.#svg)) box.replaceChildren(this.#svg);
  }

  async #draw(payload: string): Promise<void> {
    this.qrStatus = 'drawing';
    try {
      const color = getComputedStyle(this).getPropertyValue('--guichet-qr-color').trim() || '#000';
      const svg = await drawQr(payload, { color });
      if (this.#drawn !== payload) return;
      this.#svg = svg;
      this.qrStatus = 'ready';
      await this.updateComplete;
    } catch {
      if (this.#drawn === payload) this.qrStatus = 'error';
    }
  }

  protected override render() {
    const t = strings(voucherCardStrings, this.language);
    const data = this.data;
    const status = this.#guichet.status;
    if (!data || status === 'expired') {
      if (status === 'loading') return loadingState(t.loading);
      if (status === 'error') return errorState(this.#guichet.error, this.language, t, () => this.reload());
      return quietState(t.signedOut);
    }
    const voucher = data.voucher;
    if (!voucher) return html`<p class="state" part="state">${t.empty}</p>`;
    const expiry = data.nearestExpiry;
    return html`<article class="card" part="card" aria-labelledby="title">
      <h2 class="title" id="title">${t.title}</h2>
      <div class="qr" part="qr" role="img" aria-label=${t.qrLabel(voucher.number)}></div>
      ${
        this.qrStatus === 'error'
          ? html`<p class="error" role="alert">${t.qrFailed}</p>`
          : this.qrStatus === 'drawing'
            ? html`<p class="state no-print" role="status">${t.qrLoading}</p>`
            : nothing
      }
      <p class="number" part="number"><span class="visually-hidden">${t.number} </span>${voucher.number}</p>
      <p class="holder" part="holder"><span class="visually-hidden">${t.holder} </span>${voucher.holderName}</p>
      ${voucher.status === 'blocked' ? html`<p class="blocked" part="blocked" role="alert">${t.blocked}</p>` : nothing}
      <p class="places" part="places">${t.placesLeft(data.placesLeft)}</p>
      <p class="expiry" part="expiry">
        ${expiry ? t.expiresOn(expiry.places, formatDate(expiry.lastValidDay, this.language)) : t.noExpiry}
      </p>
      <button type="button" class="no-print" part="print" @click=${() => window.print()}>${t.print}</button>
    </article>`;
  }
}
