-- A portal link asked for with `embed: true` opens the portal inside the merchant's app (a frame
-- from its allowed origins).
ALTER TABLE "portal_sessions" ADD COLUMN "embed" BOOLEAN NOT NULL DEFAULT false;
