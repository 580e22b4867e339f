// Fixed ports: the build bakes SITE_URL in, so a stable address lets runs reuse it.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3217);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
/** Ports of the specs that start servers of their own, offset from E2E_PORT so two checkouts can run side by side. */
export const E2E_EXTRA_PORTS = { twoInstances: [E2E_PORT + 10, E2E_PORT + 11], npmStart: E2E_PORT + 20, cleanClone: E2E_PORT + 25, premoderation: E2E_PORT + 30, revisions: E2E_PORT + 35 } as const;
export const E2E_DIST_DIR = process.env.E2E_DIST_DIR ?? ".next-e2e";
/** Real essays plus fixture essays, assembled by the global setup. */
export const E2E_CONTENT_DIR = ".tmp/e2e-content";
