// A lean HTTP client for timing sequential page reads. Node's fetch (undici) costs ~2 ms a request
// on these machines even for a 47-byte page from a bare Node server, ~4 ms for 100 KB (measured with
// a bare `http.createServer`, decision 044): against a cached page served in a few milliseconds, that
// client time would be half of what is measured. node:http on one kept-alive socket costs about half
// as much, so the figures are more the server's. With "gzip" it asks as a browser does and inflates.
import http from "node:http";
import zlib from "node:zlib";

export type Got = { status: number; headers: http.IncomingHttpHeaders; body: string };

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** GET `url` (http only) on a kept-alive socket; resolves with the decoded UTF-8 body. */
export function httpGet(url: string, encoding: "gzip" | "identity", timeoutMs = 120_000): Promise<Got> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: { "accept-encoding": encoding }, timeout: timeoutMs }, (response) => {
      const decoded = response.headers["content-encoding"] === "gzip" ? response.pipe(zlib.createGunzip()) : response;
      const chunks: Buffer[] = [];
      decoded.on("data", (chunk: Buffer) => chunks.push(chunk));
      decoded.on("error", reject);
      decoded.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("timeout", () => request.destroy(new Error(`GET ${url} took longer than ${timeoutMs} ms`)));
    request.on("error", reject);
  });
}
