import { ImageResponse } from "next/og";
import { essayParams, pathFromParams, type EssayParams } from "@/lib/content/essay-params";
import { getEssayByPath, getEssays } from "@/lib/content/essays";
import { siteConfig } from "@/site.config";

export const alt = "The essay's title and subtitle";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

export function generateStaticParams(): EssayParams[] {
  return getEssays().map(essayParams);
}

export default async function OpenGraphImage({ params }: { params: Promise<EssayParams> }) {
  const essay = getEssayByPath(pathFromParams(await params));
  return new ImageResponse(
    (
      <div
        style={{
          width: "100%",
          height: "100%",
          display: "flex",
          flexDirection: "column",
          justifyContent: "space-between",
          padding: "72px 80px",
          background: "#fdfcf9",
          color: "#1d1b18",
          borderLeft: "24px solid #8a2c1c",
        }}
      >
        <div style={{ display: "flex", fontSize: 28, color: "#8a2c1c", letterSpacing: 2, textTransform: "uppercase" }}>
          {essay?.category ?? siteConfig.title}
        </div>
        <div style={{ display: "flex", flexDirection: "column" }}>
          <div style={{ fontSize: 68, fontWeight: 700, lineHeight: 1.1 }}>{essay?.title ?? siteConfig.title}</div>
          {essay?.subtitle && <div style={{ fontSize: 38, marginTop: 24, color: "#5b554c" }}>{essay.subtitle}</div>}
        </div>
        <div style={{ display: "flex", fontSize: 26, color: "#5b554c" }}>
          {siteConfig.title} · {essay?.author ?? siteConfig.defaultAuthor}
        </div>
      </div>
    ),
    size,
  );
}
