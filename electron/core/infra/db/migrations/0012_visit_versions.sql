CREATE TABLE `visit_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visit_id` integer NOT NULL,
	`version` integer NOT NULL,
	`data` text NOT NULL,
	`changed` text NOT NULL,
	`reason` text,
	`corrected_by` integer,
	`corrected_at` text NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`corrected_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visit_versions_visit` ON `visit_versions` (`visit_id`,`version`);