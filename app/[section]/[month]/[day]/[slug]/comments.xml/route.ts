import { essayParams, pathFromParams, type EssayParams } from "@/lib/content/essay-params";
import { getEssayByPath } from "@/lib/content/essays";
import { commentFeedResponse, essaysWithVisibleComments, getCachedEssayComments } from "@/lib/notifications/comment-feeds";
import { siteConfig } from "@/site.config";

// Built like the essay page: static, invalidated with the essay's thread tag on every instance.
export const dynamic = "force-static";
export const revalidate = 3600;
export const dynamicParams = false;

export function generateStaticParams(): EssayParams[] {
  return essaysWithVisibleComments().map(essayParams);
}

export async function GET(_request: Request, { params }: { params: Promise<EssayParams> }) {
  const essay = getEssayByPath(pathFromParams(await params));
  if (!essay || essay.comments === "hidden") return new Response("Not found", { status: 404 });
  return commentFeedResponse({
    title: `Comments on “${essay.title}” — ${siteConfig.title}`,
    pagePath: essay.path,
    selfPath: `${essay.path}/comments.xml`,
    comments: await getCachedEssayComments(essay.path),
  });
}
