/**
 * The 30 symbols of a countermark: no 0/O, 1/I, 8 or 9. Kept apart from the zod schemas so a
 * widget that only needs the alphabet does not pay for zod.
 */
export const COUNTERMARK_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ234567';
