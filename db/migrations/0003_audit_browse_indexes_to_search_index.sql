DROP INDEX `audit_type_idx`;--> statement-breakpoint
DROP INDEX `audit_subject_idx`;--> statement-breakpoint
DROP INDEX `audit_token_idx`;--> statement-breakpoint
DROP INDEX `audit_server_idx`;--> statement-breakpoint
DROP INDEX `audit_actor_idx`;--> statement-breakpoint
DROP INDEX `audit_decision_idx`;--> statement-breakpoint
DROP INDEX `audit_tool_idx`;--> statement-breakpoint
DROP INDEX `audit_client_ip_idx`;--> statement-breakpoint
DROP INDEX `audit_request_idx`;