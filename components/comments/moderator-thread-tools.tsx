"use client";

import dynamic from "next/dynamic";
import { useViewer } from "../viewer-context";

// Only moderators ever see these, so only their browsers load them.
const ThreadLockForm = dynamic(() => import("./moderator-tools").then((m) => m.ModeratorThreadTools), { ssr: false });

export function ModeratorThreadTools({ essayPath, locked }: { essayPath: string; locked: boolean }) {
  const { viewer } = useViewer();
  if (!viewer.signedIn || !viewer.moderator) return null;
  return <ThreadLockForm essayPath={essayPath} locked={locked} />;
}
