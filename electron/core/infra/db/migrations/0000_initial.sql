CREATE TABLE `absences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slot_id` integer NOT NULL,
	`leader_id` integer NOT NULL,
	`reason` text NOT NULL,
	`reported_at` text NOT NULL,
	`substitute_leader_id` integer,
	`created_by` integer,
	FOREIGN KEY (`slot_id`) REFERENCES `duty_slots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`leader_id`) REFERENCES `leaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`substitute_leader_id`) REFERENCES `leaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`leader_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`must_change_password` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`leader_id`) REFERENCES `leaders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_username_unique` ON `accounts` (`username`);--> statement-breakpoint
CREATE TABLE `appointments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`petitioner_id` integer NOT NULL,
	`case_id` integer,
	`leader_id` integer NOT NULL,
	`slot_id` integer,
	`at` text NOT NULL,
	`place` text NOT NULL,
	`purpose` text DEFAULT '' NOT NULL,
	`leader_notified_on` text,
	`petitioner_notified_on` text,
	`status` text DEFAULT 'booked' NOT NULL,
	FOREIGN KEY (`petitioner_id`) REFERENCES `petitioners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`leader_id`) REFERENCES `leaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`slot_id`) REFERENCES `duty_slots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `assignment_units` (
	`assignment_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`assignment_id`, `unit_id`),
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`assignment_no` text NOT NULL,
	`stage` text DEFAULT 'handling' NOT NULL,
	`instruction` text NOT NULL,
	`report_requirements` text DEFAULT '' NOT NULL,
	`deadline_on` text NOT NULL,
	`assigned_at` text NOT NULL,
	`assigned_by` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assigned_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_assignment_no_unique` ON `assignments` (`assignment_no`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner_type` text NOT NULL,
	`owner_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`storage` text NOT NULL,
	`data` blob,
	`path` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before_digest` text,
	`after_digest` text,
	`detail` text DEFAULT '{}' NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `calendar_overrides` (
	`date` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `case_visits` (
	`case_id` integer NOT NULL,
	`visit_id` integer NOT NULL,
	PRIMARY KEY(`case_id`, `visit_id`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_visits_visit` ON `case_visits` (`visit_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_no` text NOT NULL,
	`petitioner_id` integer NOT NULL,
	`title` text NOT NULL,
	`demand` text NOT NULL,
	`category_id` integer,
	`locality_id` integer,
	`owning_leader_id` integer,
	`accepted_on` text NOT NULL,
	`deadline_rule` text NOT NULL,
	`deadline_on` text NOT NULL,
	`deadline_basis` text NOT NULL,
	`stage` text DEFAULT 'handling' NOT NULL,
	`status` text NOT NULL,
	`is_backlog` integer DEFAULT false NOT NULL,
	`reports_on_person` integer DEFAULT false NOT NULL,
	`final` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`petitioner_id`) REFERENCES `petitioners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`locality_id`) REFERENCES `localities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owning_leader_id`) REFERENCES `leaders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_case_no_unique` ON `cases` (`case_no`);--> statement-breakpoint
CREATE INDEX `cases_status_deadline` ON `cases` (`status`,`deadline_on`);--> statement-breakpoint
CREATE INDEX `cases_leader` ON `cases` (`owning_leader_id`);--> statement-breakpoint
CREATE INDEX `cases_petitioner` ON `cases` (`petitioner_id`);--> statement-breakpoint
CREATE INDEX `cases_accepted` ON `cases` (`accepted_on`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`parent_id` integer,
	`sort` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `closures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`stage` text NOT NULL,
	`unit_id` integer,
	`findings` text NOT NULL,
	`outcome` text NOT NULL,
	`basis` text NOT NULL,
	`answer_date` text NOT NULL,
	`answer_way` text NOT NULL,
	`satisfaction` text NOT NULL,
	`stopped` integer DEFAULT false NOT NULL,
	`office_review` text DEFAULT '' NOT NULL,
	`closed_at` text NOT NULL,
	`closed_by` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`doc_no` text,
	`record_type` text NOT NULL,
	`record_id` integer NOT NULL,
	`record_version` integer NOT NULL,
	`content_hash` text NOT NULL,
	`verify_code` text NOT NULL,
	`pages` integer DEFAULT 1 NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_verify_code_unique` ON `documents` (`verify_code`);--> statement-breakpoint
CREATE INDEX `documents_record` ON `documents` (`record_type`,`record_id`);--> statement-breakpoint
CREATE TABLE `duty_slot_leaders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slot_id` integer NOT NULL,
	`leader_id` integer NOT NULL,
	`substitute_for_id` integer,
	FOREIGN KEY (`slot_id`) REFERENCES `duty_slots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`leader_id`) REFERENCES `leaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`substitute_for_id`) REFERENCES `leaders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `duty_slot_leaders_slot` ON `duty_slot_leaders` (`slot_id`);--> statement-breakpoint
CREATE INDEX `duty_slot_leaders_leader` ON `duty_slot_leaders` (`leader_id`);--> statement-breakpoint
CREATE TABLE `duty_slot_participants` (
	`slot_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	FOREIGN KEY (`slot_id`) REFERENCES `duty_slots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `duty_slots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rule_id` integer,
	`date` text NOT NULL,
	`session` text NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`form` text NOT NULL,
	`room_id` integer,
	`place` text,
	`note` text,
	`edited` integer DEFAULT false NOT NULL,
	`cancelled` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`rule_id`) REFERENCES `roster_rules`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `duty_slots_date` ON `duty_slots` (`date`);--> statement-breakpoint
CREATE TABLE `extensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`days` integer NOT NULL,
	`reason` text NOT NULL,
	`approver` text NOT NULL,
	`approved_on` text NOT NULL,
	`previous_deadline_on` text NOT NULL,
	`new_deadline_on` text NOT NULL,
	`petitioner_notified_on` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`at` text NOT NULL,
	`way` text NOT NULL,
	`by_name` text NOT NULL,
	`result` text NOT NULL,
	`satisfaction` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `interview_participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`interview_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`unit_id` integer,
	`participant_id` integer,
	FOREIGN KEY (`interview_id`) REFERENCES `interviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `interview_turns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`interview_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`speaker` text NOT NULL,
	`speaker_name` text DEFAULT '' NOT NULL,
	`text` text NOT NULL,
	`at` text,
	FOREIGN KEY (`interview_id`) REFERENCES `interviews`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interview_turns_seq` ON `interview_turns` (`interview_id`,`seq`);--> statement-breakpoint
CREATE TABLE `interviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visit_id` integer NOT NULL,
	`leader_id` integer,
	`clerk_id` integer,
	`place` text DEFAULT '' NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text,
	`opinion` text DEFAULT '' NOT NULL,
	`disposition` text,
	`petitioner_response` text DEFAULT '' NOT NULL,
	`confirmation` text,
	`signature_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`leader_id`) REFERENCES `leaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`clerk_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signature_id`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `leader_scopes` (
	`leader_id` integer NOT NULL,
	`category_id` integer,
	`locality_id` integer,
	FOREIGN KEY (`leader_id`) REFERENCES `leaders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`locality_id`) REFERENCES `localities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `leader_scopes_leader` ON `leader_scopes` (`leader_id`);--> statement-breakpoint
CREATE TABLE `leaders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`post` text NOT NULL,
	`portfolio` text DEFAULT '' NOT NULL,
	`rank` text DEFAULT '' NOT NULL,
	`phone` text,
	`is_principal` integer DEFAULT false NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `localities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`parent_id` integer,
	`level` text DEFAULT 'township' NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `localities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`organisation` text,
	`phone` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `petitioners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`sex` text DEFAULT 'unknown' NOT NULL,
	`id_number` text,
	`birth_date` text,
	`phone` text,
	`address` text,
	`workplace` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `petitioners_id_number` ON `petitioners` (`id_number`);--> statement-breakpoint
CREATE INDEX `petitioners_phone` ON `petitioners` (`phone`);--> statement-breakpoint
CREATE INDEX `petitioners_name` ON `petitioners` (`name`);--> statement-breakpoint
CREATE TABLE `receipts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`signed_by` text NOT NULL,
	`signed_at` text NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `responsibilities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`leader_id` integer NOT NULL,
	`unit_id` integer,
	`responsible_person` text NOT NULL,
	`goal` text NOT NULL,
	`measures` text NOT NULL,
	`deadline_on` text NOT NULL,
	`signed_on` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`leader_id`) REFERENCES `leaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`kind` text NOT NULL,
	`requested_on` text NOT NULL,
	`body` text NOT NULL,
	`deadline_on` text NOT NULL,
	`result` text,
	`decided_on` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rooms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`location` text,
	`queue_prefix` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rooms_name_unique` ON `rooms` (`name`);--> statement-breakpoint
CREATE TABLE `roster_rule_leaders` (
	`rule_id` integer NOT NULL,
	`leader_id` integer NOT NULL,
	PRIMARY KEY(`rule_id`, `leader_id`),
	FOREIGN KEY (`rule_id`) REFERENCES `roster_rules`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`leader_id`) REFERENCES `leaders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `roster_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`params` text NOT NULL,
	`shift_to_working_day` integer DEFAULT true NOT NULL,
	`session` text NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`form` text DEFAULT 'regular' NOT NULL,
	`room_id` integer,
	`place` text,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `summons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visit_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`summoned_at` text NOT NULL,
	`due_at` text NOT NULL,
	`arrived_at` text,
	`late` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `supervisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`assignment_id` integer,
	`supervision_no` text NOT NULL,
	`reason` text NOT NULL,
	`level` text NOT NULL,
	`requirements` text DEFAULT '' NOT NULL,
	`answer_by` text NOT NULL,
	`issued_at` text NOT NULL,
	`issued_by` integer,
	`receipt_signed_by` text,
	`receipt_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supervisions_supervision_no_unique` ON `supervisions` (`supervision_no`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visit_id` integer NOT NULL,
	`date` text NOT NULL,
	`code` text NOT NULL,
	`leader_id` integer,
	`room_id` integer,
	`status` text DEFAULT 'waiting' NOT NULL,
	`call_count` integer DEFAULT 0 NOT NULL,
	`position` integer NOT NULL,
	`called_at` text,
	`started_at` text,
	`finished_at` text,
	`transferred_from_id` integer,
	`transfer_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`leader_id`) REFERENCES `leaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`transferred_from_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_date_code` ON `tickets` (`date`,`code`);--> statement-breakpoint
CREATE INDEX `tickets_leader_date` ON `tickets` (`leader_id`,`date`,`status`);--> statement-breakpoint
CREATE TABLE `unit_scopes` (
	`unit_id` integer NOT NULL,
	`category_id` integer,
	`locality_id` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`locality_id`) REFERENCES `localities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `unit_scopes_unit` ON `unit_scopes` (`unit_id`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`contact` text,
	`phone` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_name_unique` ON `units` (`name`);--> statement-breakpoint
CREATE TABLE `visit_petitioners` (
	`visit_id` integer NOT NULL,
	`petitioner_id` integer NOT NULL,
	`is_representative` integer DEFAULT false NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`visit_id`, `petitioner_id`),
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`petitioner_id`) REFERENCES `petitioners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visit_petitioners_petitioner` ON `visit_petitioners` (`petitioner_id`);--> statement-breakpoint
CREATE TABLE `visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visit_no` text NOT NULL,
	`date` text NOT NULL,
	`arrived_at` text NOT NULL,
	`kind` text DEFAULT 'walk_in' NOT NULL,
	`form` text DEFAULT 'regular' NOT NULL,
	`head_count` integer DEFAULT 1 NOT NULL,
	`category_id` integer,
	`locality_id` integer,
	`demand` text NOT NULL,
	`facts` text DEFAULT '' NOT NULL,
	`earlier_handling` text DEFAULT '' NOT NULL,
	`legal_channel` text DEFAULT 'none' NOT NULL,
	`accepted` integer DEFAULT true NOT NULL,
	`guidance` text,
	`matter_key` text,
	`repeat_count` integer DEFAULT 0 NOT NULL,
	`reports_on_person` integer DEFAULT false NOT NULL,
	`final_after_review` integer DEFAULT false NOT NULL,
	`leader_id` integer,
	`slot_id` integer,
	`status` text DEFAULT 'registered' NOT NULL,
	`registrar_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`locality_id`) REFERENCES `localities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`leader_id`) REFERENCES `leaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`slot_id`) REFERENCES `duty_slots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registrar_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visits_visit_no_unique` ON `visits` (`visit_no`);--> statement-breakpoint
CREATE INDEX `visits_date` ON `visits` (`date`);--> statement-breakpoint
CREATE INDEX `visits_leader_date` ON `visits` (`leader_id`,`date`);--> statement-breakpoint
CREATE INDEX `visits_matter` ON `visits` (`matter_key`);