"use client";

import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";

export type Viewer = { signedIn: false } | { signedIn: true; id: string; name: string; image: string | null; moderator: boolean };
type ViewerState = { viewer: Viewer; loaded: boolean; refresh: () => void };

const ViewerContext = createContext<ViewerState>({ viewer: { signedIn: false }, loaded: false, refresh: () => {} });

/**
 * Who is reading, asked by the browser once per navigation: pages are the same static
 * HTML for everyone, so nothing about the reader is rendered on the server. A form that
 * changes what the header shows (a new name) calls `refresh`, since the address stays the same.
 */
export function ViewerProvider({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [state, setState] = useState<Omit<ViewerState, "refresh">>({ viewer: { signedIn: false }, loaded: false });
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    fetch("/api/me", { cache: "no-store", signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<Viewer>) : ({ signedIn: false } as const)))
      .then((viewer) => setState({ viewer, loaded: true }))
      .catch(() => undefined);
    return () => controller.abort();
  }, [pathname, asked]);
  const refresh = useCallback(() => setAsked((count) => count + 1), []);
  return <ViewerContext.Provider value={{ ...state, refresh }}>{children}</ViewerContext.Provider>;
}

export function useViewer(): ViewerState {
  return useContext(ViewerContext);
}
