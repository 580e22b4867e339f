import path from "node:path";
import { describe, expect, it } from "vitest";
import { DatabaseUrlError, describeDatabase, parseDatabaseUrl } from "@/db/url";

describe("parseDatabaseUrl", () => {
  it("defaults to data/blog.db inside DATA_DIR when unset or blank", () => {
    // createDirectory: the app's own folder is made on first use; see the next test for the rest.
    expect(parseDatabaseUrl(undefined, "data")).toEqual({ dialect: "sqlite", file: path.join("data", "blog.db"), createDirectory: true });
    expect(parseDatabaseUrl("", "/srv/essays")).toEqual({ dialect: "sqlite", file: "/srv/essays/blog.db", createDirectory: true });
    expect(parseDatabaseUrl("   ", "data")).toEqual({ dialect: "sqlite", file: path.join("data", "blog.db"), createDirectory: true });
  });

  it("creates only DATA_DIR: a file: URL into DATA_DIR may create it, any other directory must exist", () => {
    expect(parseDatabaseUrl("file:./data/blog.db", "data")).toEqual({ dialect: "sqlite", file: "./data/blog.db", createDirectory: true });
    expect(parseDatabaseUrl("file:/srv/essays/other.db", "/srv/essays")).toEqual({ dialect: "sqlite", file: "/srv/essays/other.db", createDirectory: true });
    expect(parseDatabaseUrl("file:/nonexistent/dir/blog.db", "data")).toEqual({ dialect: "sqlite", file: "/nonexistent/dir/blog.db" });
  });

  it.each([
    ["file:./x.db", "./x.db"],
    ["file:x.db", "x.db"],
    ["file:data/sub/blog.db", "data/sub/blog.db"],
    ["file:/abs/x.db", "/abs/x.db"],
    ["file:///abs/x.db", "/abs/x.db"],
  ])("reads %s as the SQLite file %s", (value, file) => {
    expect(parseDatabaseUrl(value, "data")).toEqual({ dialect: "sqlite", file });
  });

  it.each(["postgres://user:pass@db.example.org:5432/essays", "postgresql://localhost/essays", "postgres://u@127.0.0.1:6543/db?sslmode=require"])(
    "reads %s as PostgreSQL",
    (url) => {
      expect(parseDatabaseUrl(url, "data")).toEqual({ dialect: "postgres", url });
    },
  );

  it.each(["mysql://user:secret@host/db", "sqlite:blog.db", "./data/blog.db", "file:", "file://host/x.db", "postgres://"])(
    "rejects %s with a message naming DATABASE_URL and the accepted forms",
    (value) => {
      let error: unknown;
      try {
        parseDatabaseUrl(value, "data");
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DatabaseUrlError);
      const message = (error as Error).message;
      expect(message).toContain("DATABASE_URL");
      expect(message).toContain("./data/blog.db");
      expect(message).toContain("file:PATH");
      expect(message).toContain("postgres://user:pass@host:5432/db");
      expect(message).not.toContain("secret");
    },
  );
});

describe("describeDatabase", () => {
  it("names the file or host/database, never the password", () => {
    expect(describeDatabase({ dialect: "sqlite", file: "/abs/x.db" })).toBe("SQLite /abs/x.db");
    const text = describeDatabase({ dialect: "postgres", url: "postgres://essays:hunter2@db.example.org:6543/blog" });
    expect(text).toBe("PostgreSQL db.example.org:6543/blog");
    expect(text).not.toContain("hunter2");
  });
});
