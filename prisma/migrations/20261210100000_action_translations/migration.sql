-- The merchant's own name and unit of each action in other languages (portico.config.ts `translations`).
-- AlterTable
ALTER TABLE "plan_actions" ADD COLUMN     "translations" JSONB NOT NULL DEFAULT '{}';
