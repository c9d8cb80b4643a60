import { paymentJobs } from '../services/payments.js';
import { countermarkJobs } from './countermarks.js';
import { familyJobs } from './family.js';
import type { Job } from './scheduler.js';
import { voucherJobs } from './vouchers.js';

/** The server's background jobs. Each is idempotent and takes an advisory lock (see scheduler.ts). */
export const JOBS: Job[] = [...familyJobs(), ...voucherJobs(), ...countermarkJobs(), ...paymentJobs()];
