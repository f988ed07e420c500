-- CreateIndex
CREATE INDEX "ledger_transfers_customer_id_effective_at_idx" ON "ledger_transfers"("customer_id", "effective_at");

