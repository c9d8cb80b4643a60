import { HistoryTable } from './history-table.js';

export { GuichetMonthChangeEvent, type HistoryView } from './history-table.js';
export { HistoryTable };

HistoryTable.define('history-table');

declare global {
  interface HTMLElementTagNameMap {
    'history-table': HistoryTable;
  }
}
