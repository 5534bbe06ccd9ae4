ALTER TABLE `assignments` ADD `assigned_on` text GENERATED ALWAYS AS (CASE WHEN assigned_at GLOB '[0-9][0-9][0-9][0-9]-*' THEN date(assigned_at, '+8 hours') END) VIRTUAL;--> statement-breakpoint
CREATE INDEX `assignments_assigned_on` ON `assignments` (`assigned_on`,`case_id`);--> statement-breakpoint
ALTER TABLE `cases` ADD `handling_deadline` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `handling_answered_on` text;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD `done_on` text GENERATED ALWAYS AS (CASE WHEN at GLOB '[0-9][0-9][0-9][0-9]-*' THEN date(at, '+8 hours') END) VIRTUAL;--> statement-breakpoint
CREATE INDEX `follow_ups_done_on` ON `follow_ups` (`done_on`);--> statement-breakpoint
ALTER TABLE `supervisions` ADD `issued_on` text GENERATED ALWAYS AS (CASE WHEN issued_at GLOB '[0-9][0-9][0-9][0-9]-*' THEN date(issued_at, '+8 hours') END) VIRTUAL;--> statement-breakpoint
CREATE INDEX `supervisions_issued_on` ON `supervisions` (`issued_on`,`level`,`assignment_id`);--> statement-breakpoint
CREATE INDEX `absences_slot` ON `absences` (`slot_id`,`leader_id`);--> statement-breakpoint
CREATE INDEX `closures_stage_answer` ON `closures` (`stage`,`answer_date`,`case_id`);--> statement-breakpoint
CREATE INDEX `extensions_approved_on` ON `extensions` (`approved_on`);--> statement-breakpoint
CREATE INDEX `reviews_pending` ON `reviews` (`decided_on`,`deadline_on`,`requested_on`,`case_id`);--> statement-breakpoint
CREATE INDEX `visits_figures` ON `visits` (`date`,`head_count`,`repeat_count`,`leader_id`,`category_id`,`locality_id`,`slot_id`,`form`,`legal_channel`);--> statement-breakpoint
-- The handling deadline and the earliest handling answer of every case, in one pass, before their index is built
-- (`+cl.stage`: each case's closures through closures_case, see the closure triggers below).
-- A deadline_basis that is not JSON (none is written so) reads as no kept deadline rather than stopping the upgrade.
UPDATE `cases` SET
  `handling_deadline` = CASE WHEN json_valid(deadline_basis) THEN coalesce(json_extract(deadline_basis, '$.handlingDeadline'), deadline_on) ELSE deadline_on END,
  `handling_answered_on` = (SELECT min(cl.answer_date) FROM closures cl WHERE cl.case_id = cases.id AND +cl.stage = 'handling');--> statement-breakpoint
CREATE INDEX `cases_handling_open` ON `cases` (`handling_answered_on`,`handling_deadline`,`accepted_on`,`owning_leader_id`,`lead_unit_id`);--> statement-breakpoint
-- Whoever writes a case (a move, the demo, an import), its handling deadline follows.
CREATE TRIGGER `cases_handling_deadline_insert` AFTER INSERT ON `cases`
BEGIN
  UPDATE cases SET handling_deadline = CASE WHEN json_valid(NEW.deadline_basis) THEN coalesce(json_extract(NEW.deadline_basis, '$.handlingDeadline'), NEW.deadline_on) ELSE NEW.deadline_on END WHERE id = NEW.id;
END;--> statement-breakpoint
CREATE TRIGGER `cases_handling_deadline_update` AFTER UPDATE OF deadline_on, deadline_basis ON `cases`
BEGIN
  UPDATE cases SET handling_deadline = CASE WHEN json_valid(NEW.deadline_basis) THEN coalesce(json_extract(NEW.deadline_basis, '$.handlingDeadline'), NEW.deadline_on) ELSE NEW.deadline_on END WHERE id = NEW.id;
END;--> statement-breakpoint
-- Whoever writes a closure (a move, the demo, an import), the case's handling_answered_on follows.
-- `+stage`: the case's own closures through closures_case; without it SQLite (no statistics) takes
-- min(answer_date) from closures_stage_answer, walking every handling closure for each case.
CREATE TRIGGER `closures_handling_answered_insert` AFTER INSERT ON `closures` WHEN NEW.stage = 'handling'
BEGIN
  UPDATE cases SET handling_answered_on = (SELECT min(answer_date) FROM closures WHERE case_id = NEW.case_id AND +stage = 'handling') WHERE id = NEW.case_id;
END;--> statement-breakpoint
CREATE TRIGGER `closures_handling_answered_update` AFTER UPDATE OF case_id, stage, answer_date ON `closures`
BEGIN
  UPDATE cases SET handling_answered_on = (SELECT min(answer_date) FROM closures WHERE case_id = cases.id AND +stage = 'handling') WHERE id IN (OLD.case_id, NEW.case_id);
END;--> statement-breakpoint
CREATE TRIGGER `closures_handling_answered_delete` AFTER DELETE ON `closures` WHEN OLD.stage = 'handling'
BEGIN
  UPDATE cases SET handling_answered_on = (SELECT min(answer_date) FROM closures WHERE case_id = OLD.case_id AND +stage = 'handling') WHERE id = OLD.case_id;
END;
