-- A stdio server has no URL. SQLite changes a column's NOT NULL only by rebuilding the table; the
-- database opens with foreign keys off until migrations are done (db/client.ts), so dropping the old
-- table does not cascade into credentials and bindings. The rebuild drops the table's triggers: they
-- are created again below, as 0004 made them.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_mcp_servers` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`url` text,
	`deployment` text DEFAULT 'remote' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_call_at` integer
);
--> statement-breakpoint
INSERT INTO `__new_mcp_servers`("id", "slug", "name", "url", "deployment", "status", "created_by", "created_at", "updated_at", "last_call_at") SELECT "id", "slug", "name", "url", "deployment", "status", "created_by", "created_at", "updated_at", "last_call_at" FROM `mcp_servers`;--> statement-breakpoint
DROP TABLE `mcp_servers`;--> statement-breakpoint
ALTER TABLE `__new_mcp_servers` RENAME TO `mcp_servers`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `mcp_servers_slug_unique` ON `mcp_servers` (`slug`);--> statement-breakpoint
CREATE TRIGGER mcp_servers_verify_epoch_insert AFTER INSERT ON mcp_servers
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER mcp_servers_verify_epoch_delete AFTER DELETE ON mcp_servers
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER mcp_servers_verify_epoch_update AFTER UPDATE OF id, slug, name, url, deployment, status, created_by, created_at, updated_at ON mcp_servers
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;
