-- Billing details: the seller's and the customer's legal details on every invoice issued from now on.
ALTER TABLE "merchants" ADD COLUMN "address" JSONB, ADD COLUMN "tax_id" TEXT, ADD COLUMN "support_email" TEXT;
ALTER TABLE "customers" ADD COLUMN "billing_name" TEXT, ADD COLUMN "billing_address" JSONB, ADD COLUMN "tax_id" TEXT;
ALTER TABLE "invoices" ADD COLUMN "parties" JSONB;
