import * as z from 'zod/mini';
import { IdSchema, InstantSchema, NameSchema, TextSchema, TimeZoneSchema } from './common.js';

/** What a structure is: a town hall (family services), a cinema network, or a leisure centre. */
export const StructureKindSchema = z.enum(['town', 'cinema', 'leisure_centre']);
export type StructureKind = z.infer<typeof StructureKindSchema>;

/** A mairie, a cinema network or a leisure centre. One login may see several. */
export const StructureSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  kind: StructureKindSchema,
  timeZone: TimeZoneSchema,
  /** Origins allowed to embed the widgets cross-site (CORS). */
  origins: z.array(z.url()),
});
export type Structure = z.infer<typeof StructureSchema>;

/** Information the structure shows families on their home page (booking opening dates, menus...). */
export const NoticeSchema = z.object({
  id: IdSchema,
  structureId: IdSchema,
  title: NameSchema,
  body: TextSchema,
  publishedAt: InstantSchema,
});
export type Notice = z.infer<typeof NoticeSchema>;

/** A cinema venue. Its address may differ from the structure's seat (itinerant cinema). */
export const VenueSchema = z.object({
  id: IdSchema,
  structureId: IdSchema,
  name: NameSchema,
  address: NameSchema,
  timeZone: TimeZoneSchema,
});
export type Venue = z.infer<typeof VenueSchema>;
