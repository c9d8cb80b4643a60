import { BalanceTable } from './balance-table.js';

export {
  GuichetPaymentStartedEvent,
  GuichetUntilChangeEvent,
  type PaymentStartedDetail,
} from './balance-table.js';
export { BalanceTable };

BalanceTable.define('balance-table');

declare global {
  interface HTMLElementTagNameMap {
    'balance-table': BalanceTable;
  }
}
