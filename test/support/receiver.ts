// A local HTTP endpoint on 127.0.0.1 that records every request posted to it (webhook deliveries)
// and answers 200 — or `errorStatus` for the next `failNext(n)` requests, to exercise retries.
import http from "node:http";

export type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };
export type Receiver = { url: string; received: Received[]; failNext(n: number): void; close(): Promise<void> };

export async function startReceiver(errorStatus = 503): Promise<Receiver> {
  const received: Received[] = [];
  let failing = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body });
      if (failing > 0) {
        failing--;
        res.writeHead(errorStatus).end("failing on purpose");
      } else res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    received,
    failNext: (n) => void (failing = n),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
