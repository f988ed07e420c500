-- The merchant's settings from portico.config.ts: support link, branding, return URL, embedding origins.
ALTER TABLE "merchants"
  ADD COLUMN "support_url" TEXT,
  ADD COLUMN "logo_url" TEXT,
  ADD COLUMN "brand_color" TEXT,
  ADD COLUMN "return_url" TEXT,
  ADD COLUMN "embed_origins" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
