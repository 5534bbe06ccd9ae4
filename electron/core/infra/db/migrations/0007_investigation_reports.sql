CREATE TABLE `investigation_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`leader_id` integer NOT NULL,
	`findings` text NOT NULL,
	`measures` text NOT NULL,
	`stability_measures` text NOT NULL,
	`result` text NOT NULL,
	`signed_on` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (hall_now()) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`leader_id`) REFERENCES `leaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `investigation_reports_case` ON `investigation_reports` (`case_id`);