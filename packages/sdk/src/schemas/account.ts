import * as z from 'zod/mini';
import { EmailSchema, IdSchema, IsoDateSchema, NameSchema } from './common.js';

/** Who a signed-in user is for one structure. */
export const RoleSchema = z.enum(['family', 'referent', 'cashier', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

/** A person who attends (consommateur, enfant). */
export const MemberSchema = z.object({
  id: IdSchema,
  accountId: IdSchema,
  firstName: NameSchema,
  lastName: NameSchema,
  birthDate: z.nullable(IsoDateSchema),
});
export type Member = z.infer<typeof MemberSchema>;

/** A family account (compte famille): a holder who pays, members who attend. */
export const AccountSchema = z.object({
  id: IdSchema,
  structureId: IdSchema,
  holderName: NameSchema,
  email: z.nullable(EmailSchema),
  members: z.array(MemberSchema),
});
export type Account = z.infer<typeof AccountSchema>;

/** A user's role in one structure; `accountId` for a family, `venueIds` for a cashier. */
export const MembershipSchema = z.object({
  structureId: IdSchema,
  structureName: NameSchema,
  role: RoleSchema,
  accountId: z.optional(IdSchema),
  venueIds: z.optional(z.array(IdSchema)),
});
export type Membership = z.infer<typeof MembershipSchema>;

/** The signed-in user as the server sees them. */
export const SessionSchema = z.object({
  user: z.object({
    id: IdSchema,
    login: NameSchema,
    displayName: NameSchema,
    email: z.nullable(EmailSchema),
  }),
  memberships: z.array(MembershipSchema),
  currentStructureId: IdSchema,
  /**
   * The children of the user's family account in the current structure, as
   * `GET /accounts/{accountId}` lists them: a page shows a family's calendar without asking for
   * the account first. Absent when the user has no family account there.
   */
  members: z.optional(z.array(MemberSchema)),
  /** Bearer token, returned once on login for cross-origin pages (never for cookie sessions). */
  token: z.optional(z.string()),
});
export type Session = z.infer<typeof SessionSchema>;
