CREATE TABLE `acceptance_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visit_id` integer NOT NULL,
	`decision` text NOT NULL,
	`decided_on` text NOT NULL,
	`due_on` text NOT NULL,
	`delay_reason` text,
	`case_id` integer,
	`organ` text,
	`decided_by` integer,
	`created_at` text DEFAULT (hall_now()) NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `acceptance_decisions_visit_id_unique` ON `acceptance_decisions` (`visit_id`);--> statement-breakpoint
CREATE INDEX `acceptance_decided_on` ON `acceptance_decisions` (`decided_on`,`decision`);