-- Payments and top-ups (issue #5): the provider's customer per account; guards the code relies on.

-- CreateTable
CREATE TABLE "payment_customers" (
    "customer_id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_customer_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_customers_pkey" PRIMARY KEY ("customer_id","provider")
);

-- CreateIndex
CREATE UNIQUE INDEX "payment_customers_provider_provider_customer_id_key" ON "payment_customers"("provider", "provider_customer_id");


-- Hand-written: guards the payment flows rely on, enforced by the database itself.
-- At most one default card per customer.
CREATE UNIQUE INDEX "payment_methods_one_default" ON "payment_methods" ("customer_id")
  WHERE "is_default" AND "detached_at" IS NULL;
-- At most one automatic top-up in progress per customer (one run per crossing of the threshold).
CREATE UNIQUE INDEX "auto_top_up_runs_one_active" ON "auto_top_up_runs" ("customer_id")
  WHERE "status" IN ('queued', 'charging', 'retrying');
-- Money on invoices and payments is never negative (a credit note carries positive amounts).
ALTER TABLE "invoices"
  ADD CONSTRAINT "invoices_amounts_nonnegative" CHECK ("subtotal_micros" >= 0 AND "tax_micros" >= 0 AND "total_cents" >= 0);
ALTER TABLE "payments" ADD CONSTRAINT "payments_amount_positive" CHECK ("amount_cents" > 0);
-- The merchant account that takes the sub-cent difference between an invoice's exact total and
-- the whole cents charged (new merchants get it from ensureMerchantAccounts).
INSERT INTO "ledger_accounts" ("id", "code", "asset", "merchant_id", "bucket")
  SELECT "id" || ':rounding', "id" || ':rounding', 'USD', "id", 'merchant' FROM "merchants"
  ON CONFLICT DO NOTHING;
