-- AlterTable
ALTER TABLE "holds" ADD COLUMN     "captured_overage_micros" BIGINT,
ADD COLUMN     "captured_quantity" BIGINT,
ADD COLUMN     "overage_micros" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "period_start" TIMESTAMPTZ(3);

