import { countEn } from '../internal/english.js';
import type { VoucherCardStrings } from './voucher-card.strings.js';

/** The English strings of `<voucher-card>`, loaded when an element speaks English (see `Catalogue`). */
export const en: VoucherCardStrings = {
  title: 'Cinema voucher',
  number: 'Number',
  holder: 'Holder',
  qrLabel: (number) => `QR code of voucher ${number}`,
  qrLoading: 'Preparing the QR code…',
  qrFailed: 'The QR code could not be drawn: give the number at the desk.',
  placesLeft: (n) => `${countEn(n, 'place left', 'places left')}`,
  expiresOn: (places, date) => `${countEn(places, 'place', 'places')} valid until ${date}`,
  noExpiry: 'No place to use',
  blocked: 'Voucher blocked: contact the cinema network.',
  print: 'Print',
  loading: 'Loading the voucher…',
  empty: 'No voucher yet: it is created when places are first loaded.',
  failed: 'The voucher could not be loaded.',
  retry: 'Try again',
  signedOut: 'Sign in to see your voucher.',
};
