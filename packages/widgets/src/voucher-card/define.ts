import { VoucherCard } from './voucher-card.js';

export { VoucherCard };

VoucherCard.define('voucher-card');

declare global {
  interface HTMLElementTagNameMap {
    'voucher-card': VoucherCard;
  }
}
