-- Usage events (and their charges) partitioned by UTC month: the per-month tables stay small, and a
-- closed, invoiced month can be detached and archived (`npm run usage:archive`). The exactly-once rule
-- of the merchant's event ids spans all months, and a unique index of a partitioned table must hold
-- the partition key, so it lives in a small table of its own, usage_event_keys, written in the same
-- statement as the event; its rows are kept when a month is archived, so an old id stays a duplicate.

-- 1. The old tables step aside (index names are schema-wide, so they move too).
ALTER TABLE "usage_charges" DROP CONSTRAINT "usage_charges_event_pk_fkey";
ALTER TABLE "usage_events" RENAME TO "usage_events_unpartitioned";
ALTER TABLE "usage_charges" RENAME TO "usage_charges_unpartitioned";
ALTER INDEX "usage_events_pkey" RENAME TO "usage_events_unpartitioned_pkey";
ALTER INDEX "usage_events_customer_id_timestamp_idx" RENAME TO "usage_events_unpartitioned_customer_idx";
ALTER INDEX "usage_events_merchant_id_event_id_key" RENAME TO "usage_events_unpartitioned_event_key";
ALTER INDEX "usage_charges_pkey" RENAME TO "usage_charges_unpartitioned_pkey";
ALTER INDEX "usage_charges_transfer_id_idx" RENAME TO "usage_charges_unpartitioned_transfer_idx";
ALTER SEQUENCE "usage_events_pk_seq" OWNED BY NONE;

-- 2. The partitioned tables.
CREATE TABLE "usage_events" (
    "pk" BIGINT NOT NULL DEFAULT nextval('usage_events_pk_seq'),
    "merchant_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "quantity" BIGINT NOT NULL,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "properties" JSONB NOT NULL DEFAULT '{}',
    "cost_asset" TEXT NOT NULL,
    "cost_amount" BIGINT NOT NULL,
    "overage_micros" BIGINT NOT NULL DEFAULT 0,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "hold_id" TEXT,

    CONSTRAINT "usage_events_pkey" PRIMARY KEY ("pk", "timestamp"),
    CONSTRAINT "usage_events_quantity_positive" CHECK ("quantity" > 0)
) PARTITION BY RANGE ("timestamp");
ALTER SEQUENCE "usage_events_pk_seq" OWNED BY "usage_events"."pk";
CREATE INDEX "usage_events_customer_id_timestamp_idx" ON "usage_events"("customer_id", "timestamp");

CREATE TABLE "usage_event_keys" (
    "merchant_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_pk" BIGINT NOT NULL,
    "event_ts" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "usage_event_keys_pkey" PRIMARY KEY ("merchant_id", "event_id")
);

CREATE TABLE "usage_charges" (
    "event_pk" BIGINT NOT NULL,
    "event_ts" TIMESTAMPTZ(3) NOT NULL,
    "transfer_id" TEXT NOT NULL,
    "asset" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,

    CONSTRAINT "usage_charges_pkey" PRIMARY KEY ("event_pk", "event_ts", "transfer_id")
) PARTITION BY RANGE ("event_ts");
CREATE INDEX "usage_charges_transfer_id_idx" ON "usage_charges"("transfer_id");
ALTER TABLE "usage_charges" ADD CONSTRAINT "usage_charges_event_fkey" FOREIGN KEY ("event_pk", "event_ts") REFERENCES "usage_events"("pk", "timestamp") ON DELETE RESTRICT ON UPDATE CASCADE;

-- 3. The month partitions of both tables, created when first needed (lib/services/usage/usage-partitions.ts
-- calls this once per process and month). Race-safe across processes: an advisory lock, then a second
-- look. A month that exists but is no longer attached was archived: refused, never silently re-created.
-- No DEFAULT partition: rows parked there would block creating their month later.
CREATE FUNCTION "usage_partitions_ensure"(months TIMESTAMPTZ[]) RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
  m TIMESTAMPTZ;
  first_day TIMESTAMP;
  suffix TEXT;
  bounds TEXT;
  created INTEGER := 0;
BEGIN
  FOREACH m IN ARRAY months LOOP
    first_day := date_trunc('month', m AT TIME ZONE 'UTC');
    suffix := to_char(first_day, 'YYYY_MM');
    CONTINUE WHEN EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                           WHERE i.inhparent = 'usage_events'::regclass AND c.relname = 'usage_events_' || suffix);
    PERFORM pg_advisory_xact_lock(7270736902);
    CONTINUE WHEN EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                           WHERE i.inhparent = 'usage_events'::regclass AND c.relname = 'usage_events_' || suffix);
    IF to_regclass('usage_events_' || suffix) IS NOT NULL THEN
      RAISE EXCEPTION 'usage month % was archived (table usage_events_% is detached); usage for it cannot be recorded', to_char(first_day, 'YYYY-MM'), suffix;
    END IF;
    bounds := format('FOR VALUES FROM (%L) TO (%L)', to_char(first_day, 'YYYY-MM-DD') || ' 00:00:00+00', to_char(first_day + INTERVAL '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
    EXECUTE format('CREATE TABLE %I PARTITION OF "usage_events" %s', 'usage_events_' || suffix, bounds);
    EXECUTE format('CREATE TABLE %I PARTITION OF "usage_charges" %s', 'usage_charges_' || suffix, bounds);
    created := created + 1;
  END LOOP;
  RETURN created;
END $$;

-- 4. The months that hold rows, this month and the next two; then the rows move.
SELECT "usage_partitions_ensure"(ARRAY(
  SELECT DISTINCT date_trunc('month', "timestamp" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' FROM "usage_events_unpartitioned"
  UNION SELECT now() UNION SELECT now() + INTERVAL '1 month' UNION SELECT now() + INTERVAL '2 months'));
INSERT INTO "usage_events" SELECT * FROM "usage_events_unpartitioned";
INSERT INTO "usage_event_keys" ("merchant_id", "event_id", "event_pk", "event_ts")
  SELECT "merchant_id", "event_id", "pk", "timestamp" FROM "usage_events_unpartitioned";
INSERT INTO "usage_charges" ("event_pk", "event_ts", "transfer_id", "asset", "amount")
  SELECT c."event_pk", e."timestamp", c."transfer_id", c."asset", c."amount"
    FROM "usage_charges_unpartitioned" c JOIN "usage_events_unpartitioned" e ON e."pk" = c."event_pk";
DROP TABLE "usage_charges_unpartitioned";
DROP TABLE "usage_events_unpartitioned";
