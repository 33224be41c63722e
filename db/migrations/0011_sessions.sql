CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`expires_at` integer NOT NULL,
	`client_ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
-- Sessions replace the session version. SQLite refuses to drop a column a trigger names, so the
-- verify_epoch trigger on users is dropped first and recreated without it.
DROP TRIGGER users_verify_epoch_update;--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `session_version`;--> statement-breakpoint
CREATE TRIGGER users_verify_epoch_update AFTER UPDATE OF id, email, name, role, status, kind, password_hash, created_at, updated_at ON users
BEGIN
  UPDATE verify_epoch SET n = n + 1 WHERE id = 1;
END;