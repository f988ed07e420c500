-- A customer's locale is their choice or nobody's: null lets the browser's Accept-Language decide.
-- Existing values are kept (an "en-US" set through the API stays English).
ALTER TABLE "customers" ALTER COLUMN "locale" DROP NOT NULL, ALTER COLUMN "locale" DROP DEFAULT;
ALTER TABLE "customers" ADD COLUMN "time_zone" TEXT;
