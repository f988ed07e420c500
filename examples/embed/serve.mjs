// Serves the example host page: node examples/embed/serve.mjs [port] (default 3300), on loopback.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const page = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), "index.html"));
const port = Number(process.argv[2] ?? 3300);
http
  .createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(page);
  })
  .listen(port, "127.0.0.1", () => console.log(`Example host page: http://localhost:${port}/?portal=<embedded portal link>`));
