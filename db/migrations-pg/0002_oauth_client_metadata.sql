CREATE TABLE "oauth_assertion_jtis" (
	"client_id" text NOT NULL,
	"jti" text NOT NULL,
	"expires_at" bigint NOT NULL,
	CONSTRAINT "oauth_assertion_jtis_client_id_jti_pk" PRIMARY KEY("client_id","jti")
);
--> statement-breakpoint
ALTER TABLE "oauth_clients" DROP CONSTRAINT "oauth_clients_kind_check";--> statement-breakpoint
ALTER TABLE "oauth_clients" ADD COLUMN "metadata_expires_at" bigint;--> statement-breakpoint
CREATE INDEX "oauth_assertion_jtis_expires_idx" ON "oauth_assertion_jtis" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "oauth_clients" ADD CONSTRAINT "oauth_clients_kind_check" CHECK ("oauth_clients"."kind" IN ('registration', 'metadata_document'));