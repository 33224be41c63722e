-- As db/migrations/0014_oauth_settings.sql: remote servers keep accepting OAuth, existing grants
-- and refresh tokens keep the ends the old constants gave them, and the trigger watches accepts_oauth.
ALTER TABLE "mcp_servers" ADD COLUMN "accepts_oauth" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "mcp_servers" SET "accepts_oauth" = true WHERE "deployment" = 'remote' AND "url" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "oauth_grants" ADD COLUMN "expires_at" bigint;--> statement-breakpoint
UPDATE "oauth_grants" SET "expires_at" = "created_at" + 7776000000;--> statement-breakpoint
ALTER TABLE "oauth_grants" ALTER COLUMN "expires_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "oauth_refresh_tokens" ADD COLUMN "expires_at" bigint;--> statement-breakpoint
UPDATE "oauth_refresh_tokens" SET "expires_at" = "created_at" + 2592000000;--> statement-breakpoint
ALTER TABLE "oauth_refresh_tokens" ALTER COLUMN "expires_at" SET NOT NULL;--> statement-breakpoint
DROP TRIGGER mcp_servers_verify_epoch_update ON mcp_servers;--> statement-breakpoint
CREATE TRIGGER mcp_servers_verify_epoch_update AFTER UPDATE OF id, slug, name, url, deployment, status, accepts_oauth, created_by, created_at, updated_at, archived_at ON mcp_servers FOR EACH STATEMENT EXECUTE FUNCTION verify_epoch_bump();
