import { VoucherScanner } from './voucher-scanner.js';

export {
  type DeskDebitEntry,
  GuichetVoucherDebitedEvent,
  GuichetVoucherRefusedEvent,
  type ScanOutcome,
  VoucherScanner,
} from './voucher-scanner.js';

VoucherScanner.define('voucher-scanner');

declare global {
  interface HTMLElementTagNameMap {
    'voucher-scanner': VoucherScanner;
  }
}
