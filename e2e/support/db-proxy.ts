// A TCP proxy on 127.0.0.1 in front of PostgreSQL, that a test cuts: every open connection is
// reset and new ones are refused until it is restored — the app's view of a database that went
// away (a failover, a network partition).
import net from "node:net";

export type DbProxy = { port: number; cut: () => void; restore: () => void; close: () => Promise<void>; connections: () => number };

export async function startDbProxy(port: number, target = { host: "127.0.0.1", port: 5432 }): Promise<DbProxy> {
  let open = true;
  let total = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!open) return client.destroy();
    total++;
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port,
    cut: () => {
      open = false;
      for (const s of sockets) s.resetAndDestroy();
    },
    restore: () => {
      open = true;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    connections: () => total,
  };
}
