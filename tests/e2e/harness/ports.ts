// Fixed ports: the build bakes SITE_URL in, so a stable address lets runs reuse it.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3217);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_DIST_DIR = process.env.E2E_DIST_DIR ?? ".next-e2e";
/** Real essays plus fixture essays, assembled by the global setup. */
export const E2E_CONTENT_DIR = ".tmp/e2e-content";
