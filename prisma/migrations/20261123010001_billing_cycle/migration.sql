-- DropIndex
DROP INDEX "webhook_deliveries_merchant_id_event_id_key";

-- AlterTable
ALTER TABLE "billing_periods" ADD COLUMN     "invoiced_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "webhook_deliveries" ADD COLUMN     "endpoint_id" TEXT NOT NULL DEFAULT 'merchant';

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" TEXT NOT NULL,
    "merchant_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "description" TEXT,
    "enabled_events" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhook_endpoints_merchant_id_idx" ON "webhook_endpoints"("merchant_id");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_merchant_id_endpoint_id_event_id_key" ON "webhook_deliveries"("merchant_id", "endpoint_id", "event_id");


-- Hand-written: periods that ended before this migration were billed by whatever came before:
-- they are not invoiced again. The scheduler looks for ended periods not yet invoiced.
UPDATE "billing_periods" SET "invoiced_at" = COALESCE("closed_at", "period_end") WHERE "period_end" <= CURRENT_TIMESTAMP;
CREATE INDEX "billing_periods_uninvoiced_idx" ON "billing_periods" ("period_end") WHERE "invoiced_at" IS NULL;
