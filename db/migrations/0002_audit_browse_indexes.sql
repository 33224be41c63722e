CREATE INDEX `audit_actor_idx` ON `audit_events` (`actor_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_decision_idx` ON `audit_events` (`decision`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_tool_idx` ON `audit_events` (`tool`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_client_ip_idx` ON `audit_events` (`client_ip`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_request_idx` ON `audit_events` (`request_id`);