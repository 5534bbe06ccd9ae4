CREATE TABLE `materials` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner_type` text NOT NULL,
	`owner_id` integer NOT NULL,
	`title` text NOT NULL,
	`pages` integer NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (hall_now()) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `materials_owner` ON `materials` (`owner_type`,`owner_id`);