CREATE TABLE `case_units` (
	`unit_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `case_id`)
);
--> statement-breakpoint
CREATE TABLE `ledger_counts` (
	`status` text NOT NULL,
	`leader_id` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`status`, `leader_id`)
);
--> statement-breakpoint
DROP INDEX `cases_status_deadline`;--> statement-breakpoint
DROP INDEX `cases_leader`;--> statement-breakpoint
DROP INDEX `cases_petitioner`;--> statement-breakpoint
DROP INDEX `cases_accepted`;--> statement-breakpoint
ALTER TABLE `cases` ADD `lead_unit_id` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `units_label` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `outcome` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `leader_name` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `category_name` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `locality_name` text;--> statement-breakpoint
CREATE INDEX `cases_category` ON `cases` (`category_id`,`status`,`owning_leader_id`,`locality_id`,`accepted_on`,`deadline_on`);--> statement-breakpoint
CREATE INDEX `cases_locality` ON `cases` (`locality_id`,`status`,`owning_leader_id`,`category_id`,`accepted_on`,`deadline_on`);--> statement-breakpoint
CREATE INDEX `cases_deadline` ON `cases` (`deadline_on`,`id`,`status`,`owning_leader_id`,`category_id`,`locality_id`,`accepted_on`);--> statement-breakpoint
CREATE INDEX `cases_case_no` ON `cases` (`case_no`,`id`,`status`,`owning_leader_id`,`category_id`,`locality_id`,`accepted_on`,`deadline_on`);--> statement-breakpoint
CREATE INDEX `cases_status_rank` ON `cases` ((CASE status WHEN 'accepted' THEN 0 WHEN 'assigned' THEN 1 WHEN 'received' THEN 2 WHEN 'extended' THEN 3 WHEN 'closed' THEN 4 WHEN 'followed_up' THEN 5 WHEN 'in_review' THEN 6 WHEN 'in_rereview' THEN 7 WHEN 'final' THEN 8 END),`id`,`status`,`owning_leader_id`,`category_id`,`locality_id`,`accepted_on`,`deadline_on`);--> statement-breakpoint
CREATE INDEX `cases_outcome_rank` ON `cases` ((CASE outcome WHEN 'support' THEN 0 WHEN 'explain' THEN 1 WHEN 'reject' THEN 2 END),`id`,`status`,`owning_leader_id`,`category_id`,`locality_id`,`accepted_on`,`deadline_on`);--> statement-breakpoint
CREATE INDEX `cases_leader_name` ON `cases` (`leader_name`,`id`,`status`,`owning_leader_id`,`category_id`,`locality_id`,`accepted_on`,`deadline_on`);--> statement-breakpoint
CREATE INDEX `cases_category_name` ON `cases` (`category_name`,`id`,`status`,`owning_leader_id`,`category_id`,`locality_id`,`accepted_on`,`deadline_on`);--> statement-breakpoint
CREATE INDEX `cases_locality_name` ON `cases` (`locality_name`,`id`,`status`,`owning_leader_id`,`category_id`,`locality_id`,`accepted_on`,`deadline_on`);--> statement-breakpoint
CREATE INDEX `cases_units_label` ON `cases` (`units_label`,`id`,`status`,`owning_leader_id`,`category_id`,`locality_id`,`accepted_on`,`deadline_on`);--> statement-breakpoint
CREATE INDEX `cases_status_deadline` ON `cases` (`status`,`deadline_on`,`owning_leader_id`,`category_id`,`locality_id`,`accepted_on`);--> statement-breakpoint
CREATE INDEX `cases_leader` ON `cases` (`owning_leader_id`,`status`,`deadline_on`,`category_id`,`locality_id`,`accepted_on`);--> statement-breakpoint
CREATE INDEX `cases_petitioner` ON `cases` (`petitioner_id`,`id`,`status`,`owning_leader_id`,`category_id`,`locality_id`,`accepted_on`,`deadline_on`);--> statement-breakpoint
CREATE INDEX `cases_accepted` ON `cases` (`accepted_on`,`id`,`status`,`owning_leader_id`,`category_id`,`locality_id`,`deadline_on`);--> statement-breakpoint
CREATE INDEX `assignment_units_unit` ON `assignment_units` (`unit_id`);--> statement-breakpoint
CREATE INDEX `assignments_case` ON `assignments` (`case_id`);--> statement-breakpoint
CREATE INDEX `closures_case` ON `closures` (`case_id`);--> statement-breakpoint
CREATE INDEX `follow_ups_case` ON `follow_ups` (`case_id`);--> statement-breakpoint
CREATE INDEX `interviews_visit` ON `interviews` (`visit_id`);