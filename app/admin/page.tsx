import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { AdminTabs, CommentFilters, viewLabel } from "@/components/admin/admin-nav";
import { AdminSection } from "@/components/admin/admin-section";
import { getModeratorById, type Moderator } from "@/lib/moderation/moderators";
import { adminHref, parseAdminQuery } from "@/lib/moderation/admin-query";
import { noticeFor } from "@/lib/moderation/notices";
import { getEssaySummaries } from "@/lib/content/essays";
import "./admin.css";

// Moderators only (docs/decisions/011-moderation.md). Rendered per request: it shows live data
// to one person, and must never be cached or prerendered.
export const dynamic = "force-dynamic";

/** Signed out: sign in first. Signed in but not a moderator: the site's ordinary 404, no hint the page exists. */
const requireModerator = cache(async (): Promise<Moderator> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) redirect("/sign-in?callbackUrl=/admin");
  const moderator = await getModeratorById({ id: userId });
  if (!moderator) notFound();
  return moderator;
});

// The metadata is guarded too: it is sent even with a 404, and its title would give the page away.
export async function generateMetadata(): Promise<Metadata> {
  await requireModerator();
  return { title: "Moderation", robots: { index: false, follow: false } };
}

export default async function AdminPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const moderator = await requireModerator();

  const essays = getEssaySummaries().map((essay) => ({ path: essay.path, title: essay.title }));
  const params = await searchParams;
  const query = parseAdminQuery(params, new Set(essays.map((essay) => essay.path)));
  const notice = noticeFor(params.notice);

  return (
    <div className="admin">
      <h1 className="page-title">Moderation</h1>
      <p className="page-intro">Signed in as {moderator.name}. Every action here is logged with your name.</p>
      {notice && (
        <p role="status" className={notice.ok ? "notice admin-notice" : "notice admin-notice admin-notice-refused"}>
          {notice.text}
        </p>
      )}
      <AdminTabs current={query.view} />
      <section aria-labelledby="admin-view-title" className="admin-view">
        <h2 id="admin-view-title" className="section-title">
          {viewLabel(query.view)}
        </h2>
        {query.view === "recent" && <CommentFilters query={query} essays={essays} />}
        <AdminSection query={query} moderator={moderator} essays={essays} returnTo={adminHref(query)} />
      </section>
    </div>
  );
}
