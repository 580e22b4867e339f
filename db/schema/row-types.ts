// Compile-time proof that db/schema/pg.ts and db/schema/sqlite.ts give every table the same
// rows: the same property names and, for reads and inserts, the same TypeScript types. Queries
// are typed against the PostgreSQL tables and run on SQLite's (db/connect.ts), which is only
// sound while this holds. A drift fails `tsc` here, naming the table; the rest (SQL column
// names, nullability, defaults, keys, indexes) is checked by tests/unit/db-schema-parity.test.ts
// (docs/decisions/029-schema-parity-and-the-one-dialect-bridge.md).
import type { Table } from "drizzle-orm";
import type * as pgSchema from "./pg";
import type * as sqliteSchema from "./sqlite";

type TablesOf<S> = { [K in keyof S as S[K] extends Table ? K : never]: S[K] };
type PgTables = TablesOf<typeof pgSchema>;
type SqliteTables = TablesOf<typeof sqliteSchema>;

export type TableName = keyof PgTables & string;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type RowsAgree<K extends TableName> = K extends keyof SqliteTables
  ? Same<PgTables[K]["$inferSelect"], SqliteTables[K]["$inferSelect"]> extends true
    ? Same<PgTables[K]["$inferInsert"], SqliteTables[K]["$inferInsert"]>
    : false
  : false;

type Differing =
  | { [K in TableName]: RowsAgree<K> extends true ? never : K }[TableName]
  | Exclude<keyof SqliteTables & string, TableName>;

/** `true` while the two schemas agree; otherwise tsc says "… not assignable to type 'rows differ: <table>'". */
export const rowTypesAgree: [Differing] extends [never] ? true : `rows differ: ${Differing}` = true;
