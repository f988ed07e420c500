-- Webhooks go only to the endpoints a merchant manages through the API (webhook_endpoints); the
-- merchant row's single legacy webhook_url / webhook_secret is gone.
ALTER TABLE "merchants" DROP COLUMN "webhook_url", DROP COLUMN "webhook_secret";
ALTER TABLE "webhook_deliveries" ALTER COLUMN "endpoint_id" DROP DEFAULT;
