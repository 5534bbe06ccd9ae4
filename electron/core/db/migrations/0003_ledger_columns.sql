ALTER TABLE `cases` ADD `lead_unit_id` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `units_label` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `outcome` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `leader_name` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `category_name` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `locality_name` text;--> statement-breakpoint
CREATE INDEX `cases_deadline` ON `cases` (`deadline_on`);--> statement-breakpoint
CREATE INDEX `cases_status_rank` ON `cases` ((CASE status WHEN 'accepted' THEN 0 WHEN 'assigned' THEN 1 WHEN 'received' THEN 2 WHEN 'extended' THEN 3 WHEN 'closed' THEN 4 WHEN 'followed_up' THEN 5 WHEN 'in_review' THEN 6 WHEN 'in_rereview' THEN 7 WHEN 'final' THEN 8 END));--> statement-breakpoint
CREATE INDEX `cases_category` ON `cases` (`category_id`);--> statement-breakpoint
CREATE INDEX `cases_locality` ON `cases` (`locality_id`);--> statement-breakpoint
CREATE INDEX `cases_lead_unit` ON `cases` (`lead_unit_id`);--> statement-breakpoint
CREATE INDEX `cases_units_label` ON `cases` (`units_label`);--> statement-breakpoint
CREATE INDEX `cases_outcome_rank` ON `cases` ((CASE outcome WHEN 'support' THEN 0 WHEN 'explain' THEN 1 WHEN 'reject' THEN 2 END));--> statement-breakpoint
CREATE INDEX `cases_leader_name` ON `cases` (`leader_name`);--> statement-breakpoint
CREATE INDEX `cases_category_name` ON `cases` (`category_name`);--> statement-breakpoint
CREATE INDEX `cases_locality_name` ON `cases` (`locality_name`);--> statement-breakpoint
CREATE INDEX `assignment_units_unit` ON `assignment_units` (`unit_id`);--> statement-breakpoint
CREATE INDEX `assignments_case` ON `assignments` (`case_id`);--> statement-breakpoint
CREATE INDEX `closures_case` ON `closures` (`case_id`);--> statement-breakpoint
CREATE INDEX `follow_ups_case` ON `follow_ups` (`case_id`);--> statement-breakpoint
CREATE INDEX `interviews_visit` ON `interviews` (`visit_id`);