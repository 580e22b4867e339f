// A WordPress export imported into a real database (SQLite file and PostgreSQL), then read back
// the way an essay page reads its thread: getThreadByEssay + buildCommentTree.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importWxrPlan } from "@/db/backup/wxr-import";
import type { BackupDatabase } from "@/db/backup/tables";
import { buildCommentTree, type CommentNode, type TreeComment } from "@/lib/comments/build-tree";
import { loadEssays } from "@/lib/content/load-essays";
import { parseWxr } from "@/lib/wxr/parse-wxr";
import { planWxrImport } from "@/lib/wxr/plan-import";
import { siteConfig } from "@/site.config";
import { closeInstances, contractTargets, loadWithDatabaseUrl, migratedDatabase } from "../support/contract-databases";

async function loadModules(databaseUrl: string) {
  const [client, migrate, comments] = await loadWithDatabaseUrl(databaseUrl, () =>
    Promise.all([import("@/db/client"), import("@/db/migrate"), import("@/db/queries/comments")]),
  );
  return { client, migrate, comments };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;

const targets = contractTargets("essays-wxr-db-");

const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";
const fixture = fs.readFileSync(path.join("tests", "fixtures", "wxr", "social-memory-complex.xml"), "utf8");
const essays = loadEssays({ dir: "content", includeDrafts: true, permalinkPattern: siteConfig.permalinkPattern, defaultAuthor: siteConfig.defaultAuthor });
const plan = planWxrImport({ site: parseWxr(fixture), essays });

/** The tree as [author, children] pairs: the shape a reader sees. */
function shape<T extends TreeComment & { authorName: string }>(nodes: CommentNode<T>[]): unknown[] {
  return nodes.map((node) => [node.comment.authorName, shape(node.children)]);
}

for (const target of targets) {
  describe.skipIf(target.skip)(`WordPress import on ${target.dialect}`, () => {
    let m: Modules;
    let database: BackupDatabase;

    beforeAll(async () => {
      ({ m } = await migratedDatabase(target, loadModules));
      database = { ...m.client.getDb(), withTransaction: m.client.withTransaction };
    });

    afterAll(() => closeInstances([m]));

    it("a dry run tells what would be imported and writes nothing", async () => {
      const outcome = await importWxrPlan({ database, plan, dryRun: true });
      expect(outcome).toEqual({ imported: { published: 4, pending: 1 }, alreadyImported: 0, essayPaths: [ESSAY] });
      expect(await m.comments.getThreadByEssay({ essayPath: ESSAY })).toEqual([]);
    });

    it("imports the thread with its shape, authors by name only, GMT dates, and the pending comment held", async () => {
      const outcome = await importWxrPlan({ database, plan });
      expect(outcome).toEqual({ imported: { published: 4, pending: 1 }, alreadyImported: 0, essayPaths: [ESSAY] });

      const thread = await m.comments.getThreadByEssay({ essayPath: ESSAY });
      expect(thread.every((comment) => comment.authorId === null && comment.authorImage === null)).toBe(true);
      expect(shape(buildCommentTree(thread, { order: "oldest" }))).toEqual([
        ["Kevin Carson", [["Jeremy Weiland", [["Kevin Carson", []]]]]],
        ["Roderick", []],
      ]);
      expect(thread.map((comment) => comment.createdAt.toISOString())).toEqual([
        "2010-08-23T16:12:04.000Z",
        "2010-08-23T18:40:00.000Z",
        "2010-08-24T02:15:31.000Z",
        "2010-08-26T14:05:00.000Z",
      ]);
      expect(thread[0]?.bodyHtml).toContain('<a href="http://en.wikipedia.org/wiki/Whiskey_Rebellion" rel="nofollow ugc noopener">');

      const { db, schema } = m.client.getDb();
      const rows = await db.select().from(schema.comments);
      expect(rows).toHaveLength(5);
      expect(rows.find((row) => row.sourceId === "wxr:socialmemorycomplex.net:4104")).toMatchObject({ status: "pending", authorName: "Anna B." });
      // WXR e-mail and IP addresses are never stored.
      expect(JSON.stringify(rows)).not.toMatch(/@example\.org|192\.0\.2\./);
    });

    it("a second run imports nothing and reports everything as already imported", async () => {
      const outcome = await importWxrPlan({ database, plan });
      expect(outcome).toEqual({ imported: { published: 0, pending: 0 }, alreadyImported: 5, essayPaths: [] });
      const { db, schema } = m.client.getDb();
      expect(await db.select().from(schema.comments)).toHaveLength(5);
    });

    it("a later export with new replies hangs them under comments imported by the earlier run", async () => {
      const reply = `<wp:comment>
			<wp:comment_id>4108</wp:comment_id>
			<wp:comment_author><![CDATA[Late Reader]]></wp:comment_author>
			<wp:comment_date_gmt><![CDATA[2011-01-01 00:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[Late to this, but yes.]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
			<wp:comment_type><![CDATA[]]></wp:comment_type>
			<wp:comment_parent>4103</wp:comment_parent>
		</wp:comment>
	</item>`;
      const later = planWxrImport({ site: parseWxr(fixture.replace("</item>\n\n\t<item>\n\t\t<title>Thoughts", `${reply}\n\n\t<item>\n\t\t<title>Thoughts`)), essays });
      expect(await importWxrPlan({ database, plan: later })).toMatchObject({ imported: { published: 1, pending: 0 }, alreadyImported: 5 });
      const tree = buildCommentTree(await m.comments.getThreadByEssay({ essayPath: ESSAY }), { order: "oldest" });
      expect(shape(tree)[0]).toEqual(["Kevin Carson", [["Jeremy Weiland", [["Kevin Carson", [["Late Reader", []]]]]]]]);
    });
  });
}
