import * as z from 'zod/mini';
import {
  CentsSchema,
  IdSchema,
  InstantSchema,
  IsoDateSchema,
  IsoMonthSchema,
  NameSchema,
  PositiveCentsSchema,
} from './common.js';

/** A family's wallet (porte-monnaie: RESTAURATION, PERISCOLAIRE). Balance = sum of its ledger. */
export const WalletSchema = z.object({
  id: IdSchema,
  accountId: IdSchema,
  /** The structure's wallet kind; activities bill a kind. */
  kindId: IdSchema,
  name: NameSchema,
  balance: CentsSchema,
});
export type Wallet = z.infer<typeof WalletSchema>;

/** A wallet seen "until" a date: the seed's Solde / Coût estimé / Nouveau solde / Montant à payer. */
export const WalletEstimateSchema = z.object({
  wallet: WalletSchema,
  until: IsoDateSchema,
  /** Price of reservations not yet charged, dated on or before `until`. */
  estimatedCost: PositiveCentsSchema,
  /** balance - estimatedCost. */
  newBalance: CentsSchema,
  /** max(0, -newBalance): what the family should pay at least. */
  amountDue: PositiveCentsSchema,
});
export type WalletEstimate = z.infer<typeof WalletEstimateSchema>;

/** A charged day (historique des consommations). */
export const ConsumptionSchema = z.object({
  id: IdSchema,
  walletId: IdSchema,
  date: IsoDateSchema,
  memberId: IdSchema,
  memberName: NameSchema,
  activityId: IdSchema,
  activityName: NameSchema,
  unitPrice: PositiveCentsSchema,
  quantity: z.int().check(z.gte(1)),
  total: PositiveCentsSchema,
  reservationId: z.nullable(IdSchema),
});
export type Consumption = z.infer<typeof ConsumptionSchema>;

/** How a payment came in: cheque, cash, card, transfer (codes as on the seeds' statements). */
export const PaymentModeSchema = z.enum(['CH', 'ESP', 'CB', 'VIR']);
export type PaymentMode = z.infer<typeof PaymentModeSchema>;

/** What staff send to record a cheque or cash payment. */
export const PaymentInputSchema = z.object({
  walletId: IdSchema,
  receivedOn: IsoDateSchema,
  mode: PaymentModeSchema,
  pieceNumber: z.string().check(z.maxLength(64)),
  payerName: NameSchema,
  bankName: z.string().check(z.maxLength(100)),
  amount: z.int().check(z.gte(1), z.lte(100_000_000_00)),
});
export type PaymentInput = z.infer<typeof PaymentInputSchema>;

/** A payment crediting a wallet (historique des règlements): what was recorded, with its id. */
export const PaymentSchema = z.extend(PaymentInputSchema, { id: IdSchema, createdAt: InstantSchema });
export type Payment = z.infer<typeof PaymentSchema>;

/** Totals of a month of history, with its lines in date order. */
export const HistoryMonthSchema = z.object({
  month: IsoMonthSchema,
  consumptions: z.array(ConsumptionSchema),
  payments: z.array(PaymentSchema),
  totals: z.object({ consumptions: PositiveCentsSchema, payments: PositiveCentsSchema }),
});
export type HistoryMonth = z.infer<typeof HistoryMonthSchema>;
