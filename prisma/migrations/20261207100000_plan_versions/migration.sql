-- Plan versions: changing what subscribers pay makes a new version of the plan (same code); its
-- subscribers keep theirs (grandfathered) until they change plan, new ones get the current one.
ALTER TABLE "plans"
  ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1,
  ADD COLUMN "current" BOOLEAN NOT NULL DEFAULT true;
DROP INDEX "plans_merchant_id_code_key";
CREATE UNIQUE INDEX "plans_merchant_id_code_version_key" ON "plans"("merchant_id", "code", "version");
-- exactly one current version per plan code
CREATE UNIQUE INDEX "plans_one_current_version" ON "plans"("merchant_id", "code") WHERE "current";
