CREATE TABLE `oauth_assertion_jtis` (
	`client_id` text NOT NULL,
	`jti` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`client_id`, `jti`)
);
--> statement-breakpoint
CREATE INDEX `oauth_assertion_jtis_expires_idx` ON `oauth_assertion_jtis` (`expires_at`);--> statement-breakpoint
ALTER TABLE `oauth_clients` ADD `metadata_expires_at` integer;