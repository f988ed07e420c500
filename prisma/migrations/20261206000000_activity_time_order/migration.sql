-- DropIndex
DROP INDEX "ledger_transfers_customer_id_effective_at_idx";

-- CreateIndex
CREATE INDEX "ledger_transfers_customer_id_effective_at_seq_idx" ON "ledger_transfers"("customer_id", "effective_at", "seq");

-- CreateIndex
CREATE INDEX "ledger_transfers_customer_id_kind_effective_at_seq_idx" ON "ledger_transfers"("customer_id", "kind", "effective_at", "seq");
