import { VoucherBalance } from './voucher-balance.js';

export { VoucherBalance };

VoucherBalance.define('voucher-balance');

declare global {
  interface HTMLElementTagNameMap {
    'voucher-balance': VoucherBalance;
  }
}
