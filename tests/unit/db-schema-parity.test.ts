import { getTableColumns, getTableName, is, SQL, Table } from "drizzle-orm";
import { integer, getTableConfig as pgTableConfig, PgDialect, PgTable, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import {
  integer as sqliteInteger,
  getTableConfig as sqliteTableConfig,
  SQLiteSyncDialect,
  SQLiteTable,
  sqliteTable,
  text as sqliteText,
} from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as pgSchema from "@/db/schema/pg";
import { rowTypesAgree } from "@/db/schema/row-types";
import * as sqliteSchema from "@/db/schema/sqlite";

// The two schema files must describe the same database: every table and column, in both
// dialects (docs/decisions/029-schema-parity-and-the-one-dialect-bridge.md). The queries are written once
// against the PostgreSQL types and run on SQLite's tables, so any drift here is a bug that
// only shows at run time on one dialect.

// The TypeScript half (row types) is proven at compile time in db/schema/row-types.ts; this file
// checks what TypeScript cannot see: the SQL each table definition stands for.
const pgDialect = new PgDialect();
const sqliteDialect = new SQLiteSyncDialect();

// A column default that stands for "the time of the insert", written in each dialect's words.
const CURRENT_TIME = new Set(["now()", "(cast(unixepoch('subsec') * 1000 as integer))"]);

type AnyColumn = ReturnType<typeof pgTableConfig>["columns"][number] | ReturnType<typeof sqliteTableConfig>["columns"][number];

/**
 * The column's kind in words both dialects share: what it stores, not how drizzle names it. A
 * timestamp is an "instant" only as timestamptz (PostgreSQL) or integer milliseconds (SQLite):
 * a timestamp without time zone, or SQLite's whole seconds, would read back differently.
 * PostgreSQL's integer (32-bit) and bigint (53-bit number mode) are both "integer", like SQLite's.
 * A column type not listed here fails the test until it is given its counterpart.
 */
function kindOf(column: AnyColumn): string {
  const type = column.columnType;
  if (type === "PgText" || type === "SQLiteText") return "text";
  if (type === "PgInteger" || type === "PgBigInt53" || type === "SQLiteInteger") return "integer";
  // PostgreSQL's boolean is SQLite's integer in boolean mode (0/1): both read back as true/false.
  if (type === "PgBoolean" || type === "SQLiteBoolean") return "boolean";
  if (type === "PgTimestamp" && "withTimezone" in column && column.withTimezone) return "instant";
  if (type === "SQLiteTimestamp" && "mode" in column && column.mode === "timestamp_ms") return "instant";
  return `${type} (no counterpart known: give it one in kindOf)`;
}

function describeDefault(column: AnyColumn, render: (sql: SQL) => string): string | undefined {
  if (column.defaultFn) return "set by the app on insert";
  if ("generatedIdentity" in column && column.generatedIdentity) return "generated id";
  if ("autoIncrement" in column && column.autoIncrement) return "generated id";
  if (column.default === undefined) return undefined;
  if (is(column.default, SQL)) {
    const text = render(column.default);
    return CURRENT_TIME.has(text) ? "current time" : `sql: ${text}`;
  }
  return `value: ${JSON.stringify(column.default)}`;
}

/** A dialect-neutral description of one table: what a parity failure should print. */
function describeTable(config: ReturnType<typeof pgTableConfig> | ReturnType<typeof sqliteTableConfig>, render: (sql: SQL) => string) {
  const columnName = (column: { name: string }) => column.name;
  return {
    name: config.name,
    columns: config.columns.map((column) => ({
      name: column.name,
      kind: kindOf(column),
      // What queries read back: string, number, date… (timestamptz and timestamp_ms are both "date").
      dataType: column.dataType,
      notNull: column.notNull,
      primaryKey: column.primary,
      unique: column.isUnique ? (column.uniqueName ?? true) : false,
      enumValues: column.enumValues ?? null,
      default: describeDefault(column, render),
    })),
    primaryKeys: config.primaryKeys.map((key) => ({ name: key.getName(), columns: key.columns.map(columnName) })),
    indexes: config.indexes
      .map((index) => ({
        name: index.config.name,
        unique: index.config.unique,
        columns: (index.config.columns as { name: string }[]).map(columnName),
      }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name))),
    uniqueConstraints: config.uniqueConstraints.map((unique) => ({ name: unique.getName(), columns: unique.columns.map(columnName) })),
    foreignKeys: config.foreignKeys
      .map((key) => {
        const reference = key.reference();
        return {
          name: key.getName(),
          columns: reference.columns.map(columnName),
          references: `${getTableName(reference.foreignTable)}(${reference.foreignColumns.map(columnName).join(", ")})`,
          // Both dialects default to NO ACTION; drizzle leaves SQLite's unset.
          onDelete: key.onDelete ?? "no action",
          onUpdate: key.onUpdate ?? "no action",
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
    checks: config.checks.map((check) => ({ name: check.name, sql: render(check.value) })),
  };
}

const propertiesOf = (table: Table) => Object.entries(getTableColumns(table)).map(([property, column]) => [property, column.name]);

const tablesOf = (schema: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(schema).filter(([, value]) => is(value, Table))) as Record<string, unknown>;

const pgTables = tablesOf(pgSchema);
const sqliteTables = tablesOf(sqliteSchema);

describe("schema parity (db/schema/pg.ts and db/schema/sqlite.ts)", () => {
  it("exports the same tables under the same names", () => {
    expect(Object.keys(sqliteTables).sort()).toEqual(Object.keys(pgTables).sort());
    // And the compile-time proof compiled to `true` (db/schema/row-types.ts).
    expect(rowTypesAgree).toBe(true);
  });

  it.each(Object.keys(pgTables))("%s: same table, columns, nullability, defaults, keys, indexes, foreign keys and checks", (key) => {
    const pgTable = pgTables[key];
    const sqliteTable = sqliteTables[key];
    expect(is(pgTable, PgTable)).toBe(true);
    expect(is(sqliteTable, SQLiteTable)).toBe(true);
    const pg = describeTable(pgTableConfig(pgTable as PgTable), (sql) => pgDialect.sqlToQuery(sql).sql);
    const sqlite = describeTable(sqliteTableConfig(sqliteTable as SQLiteTable), (sql) => sqliteDialect.sqlToQuery(sql).sql);
    expect(sqlite).toEqual(pg);
    // The TypeScript property each column is read through (what the queries name).
    expect(propertiesOf(sqliteTable as Table)).toEqual(propertiesOf(pgTable as Table));
  });

  it("covers every column: a column only one dialect has is missed by neither side", () => {
    const columnCount = (tables: Record<string, unknown>) =>
      Object.values(tables).reduce((sum: number, table) => sum + Object.keys(getTableColumns(table as Table)).length, 0);
    expect(columnCount(sqliteTables)).toBe(columnCount(pgTables));
    // Every column of every table is in what the per-table comparison compares (100 today).
    const described = Object.values(pgTables).reduce(
      (sum: number, table) => sum + describeTable(pgTableConfig(table as PgTable), (sql) => pgDialect.sqlToQuery(sql).sql).columns.length,
      0,
    );
    expect(described).toBe(columnCount(pgTables));
    expect(described).toBeGreaterThanOrEqual(100);
  });

  it.each([
    ["a column's name", pgTable("t", { a: text("a").notNull() }), sqliteTable("t", { a: sqliteText("b").notNull() })],
    ["nullability", pgTable("t", { a: text("a").notNull() }), sqliteTable("t", { a: sqliteText("a") })],
    ["the kind of column", pgTable("t", { a: integer("a") }), sqliteTable("t", { a: sqliteText("a") })],
    ["a timestamp without time zone", pgTable("t", { a: timestamp("a", { mode: "date" }) }), sqliteTable("t", { a: sqliteInteger("a", { mode: "timestamp_ms" }) })],
    ["timestamps in whole seconds", pgTable("t", { a: timestamp("a", { mode: "date", withTimezone: true }) }), sqliteTable("t", { a: sqliteInteger("a", { mode: "timestamp" }) })],
    ["a default", pgTable("t", { a: text("a").default("x") }), sqliteTable("t", { a: sqliteText("a") })],
  ])("a difference in %s fails the comparison", (_, pg, sqlite) => {
    const pgDescription = describeTable(pgTableConfig(pg), (sql) => pgDialect.sqlToQuery(sql).sql);
    const sqliteDescription = describeTable(sqliteTableConfig(sqlite), (sql) => sqliteDialect.sqlToQuery(sql).sql);
    expect(sqliteDescription).not.toEqual(pgDescription);
  });

  it("the same column in both dialects compares equal (the negative cases above differ in one thing each)", () => {
    const pg = pgTable("t", { a: text("a").notNull(), at: timestamp("at", { mode: "date", withTimezone: true }) });
    const sqlite = sqliteTable("t", { a: sqliteText("a").notNull(), at: sqliteInteger("at", { mode: "timestamp_ms" }) });
    expect(describeTable(sqliteTableConfig(sqlite), (sql) => sqliteDialect.sqlToQuery(sql).sql)).toEqual(
      describeTable(pgTableConfig(pg), (sql) => pgDialect.sqlToQuery(sql).sql),
    );
  });

  it("the comparison sees what it compares: a differing column fails it", () => {
    const comments = describeTable(pgTableConfig(pgSchema.comments), (sql) => pgDialect.sqlToQuery(sql).sql);
    const bans = describeTable(sqliteTableConfig(sqliteSchema.bans), (sql) => sqliteDialect.sqlToQuery(sql).sql);
    expect(comments.columns.find((column) => column.name === "status")).toMatchObject({
      notNull: true,
      default: 'value: "published"',
      enumValues: ["published", "pending", "hidden"],
    });
    expect(comments.columns.find((column) => column.name === "created_at")?.default).toBe("current time");
    expect(bans.foreignKeys.map((key) => key.onDelete)).toEqual(["set null", "set null", "cascade"]);
    expect(comments.checks[0]?.sql).toContain("in ('published', 'pending', 'hidden')");
  });
});
