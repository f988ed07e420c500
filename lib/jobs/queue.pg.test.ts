// The job queue on PostgreSQL: many workers, each job once; retries with backoff; crashed
// workers' jobs come back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPostgres, type TestPostgres } from "@/test/support/postgres";
import { backoffMs, enqueue, runDueJobs, type Handler } from "./queue";

let h: TestPostgres;
beforeAll(async () => {
  h = await createTestPostgres(20);
});
afterAll(async () => h.drop());

describe("job queue", () => {
  it("a unique key enqueues once, even when 20 callers race", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => enqueue(h.prisma, { queue: "q", uniqueKey: "close:per_1", payload: { n: 1 } })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await h.prisma.job.count({ where: { uniqueKey: "close:per_1" } })).toBe(1);
  });

  it("four workers racing run each of 200 jobs exactly once", async () => {
    for (let i = 0; i < 200; i++) await enqueue(h.prisma, { queue: "count", payload: { i } });
    const runs = new Map<number, number>();
    const handlers: Record<string, Handler> = {
      count: async (p) => {
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        runs.set(p.i as number, (runs.get(p.i as number) ?? 0) + 1);
      },
    };
    await Promise.all(
      [1, 2, 3, 4].map(async (w) => {
        for (;;) if ((await runDueJobs(handlers, { client: h.prisma, workerId: `w${w}`, limit: 7 })).claimed === 0) break;
      }),
    );
    expect(runs.size).toBe(200);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(await h.prisma.job.count({ where: { queue: "count", status: "done" } })).toBe(200);
  });

  it("retries a failing job with backoff and gives up after maxAttempts", async () => {
    await enqueue(h.prisma, { queue: "flaky", uniqueKey: "flaky-1", maxAttempts: 3 });
    const handlers: Record<string, Handler> = { flaky: async () => { throw new Error("provider down"); } };
    let now = Date.now();
    const t0 = now;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const r = await runDueJobs(handlers, { client: h.prisma, now: new Date(now) });
      expect(r.claimed).toBe(1);
      // not due again until the backoff has passed
      expect((await runDueJobs(handlers, { client: h.prisma, now: new Date(now + 1) })).claimed).toBe(0);
      now += backoffMs(attempt) + 1;
    }
    const job = await h.prisma.job.findUniqueOrThrow({ where: { uniqueKey: "flaky-1" } });
    expect(job).toMatchObject({ status: "failed", attempts: 3, lastError: "provider down" });
    expect(now - t0).toBeGreaterThan(backoffMs(1) + backoffMs(2));
  });

  it("a job whose worker died is reclaimed after its lock runs out", async () => {
    await enqueue(h.prisma, { queue: "crash", uniqueKey: "crash-1" });
    const now = new Date();
    // a worker claims it and dies: its handler never returns
    void runDueJobs({ crash: () => new Promise(() => {}) }, { client: h.prisma, workerId: "dead", now });
    await new Promise((r) => setTimeout(r, 200));
    let ran = 0;
    expect((await runDueJobs({ crash: async () => void ran++ }, { client: h.prisma, workerId: "alive", now })).claimed).toBe(0);
    const later = new Date(now.getTime() + 301_000);
    expect((await runDueJobs({ crash: async () => void ran++ }, { client: h.prisma, workerId: "alive", now: later })).done).toBe(1);
    expect(ran).toBe(1);
  });
});
