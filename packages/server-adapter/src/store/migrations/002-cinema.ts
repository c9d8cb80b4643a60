// Cinema networks: their venues (an itinerant cinema's address may differ from the seat).
// Vouchers and countermarks add their own tables in the migrations that follow.
export const sql = /* sql */ `
create table venues (
  id text primary key,
  structure_id text not null references structures(id),
  name text not null,
  address text not null,
  time_zone text not null default 'Europe/Paris'
);
create index venues_structure on venues(structure_id);
`;
