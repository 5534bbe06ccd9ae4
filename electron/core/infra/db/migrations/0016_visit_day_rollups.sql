-- The roll-ups are WITHOUT ROWID (written here by hand; drizzle has no such option): a range of days
-- is read from the primary key alone, one b-tree, not the key's index and then each row.
CREATE TABLE `visit_day_forms` (
	`date` text NOT NULL,
	`slot_id` integer NOT NULL,
	`form` text NOT NULL,
	`visits` integer NOT NULL,
	`people` integer NOT NULL,
	PRIMARY KEY(`date`, `slot_id`, `form`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `visit_day_keys` (
	`dimension` text NOT NULL,
	`date` text NOT NULL,
	`key` integer NOT NULL,
	`visits` integer NOT NULL,
	`people` integer NOT NULL,
	PRIMARY KEY(`dimension`, `date`, `key`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `visit_day_sizes` (
	`date` text NOT NULL,
	`head_count` integer NOT NULL,
	`repeated` integer NOT NULL,
	`visits` integer NOT NULL,
	PRIMARY KEY(`date`, `head_count`, `repeated`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `visits_guided` ON `visits` (`date`,`legal_channel`) WHERE legal_channel <> 'none';
--> statement-breakpoint
-- The day roll-ups of the visits already stored, one grouped pass per table.
INSERT INTO `visit_day_sizes` (date, head_count, repeated, visits)
  SELECT date, head_count, min(repeat_count, 1), count(*) FROM visits GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO `visit_day_keys` (dimension, date, key, visits, people)
  SELECT 'leader', date, coalesce(leader_id, 0), count(*), sum(head_count) FROM visits GROUP BY 2, 3;--> statement-breakpoint
INSERT INTO `visit_day_keys` (dimension, date, key, visits, people)
  SELECT 'category', date, coalesce(category_id, 0), count(*), sum(head_count) FROM visits GROUP BY 2, 3;--> statement-breakpoint
INSERT INTO `visit_day_keys` (dimension, date, key, visits, people)
  SELECT 'locality', date, coalesce(locality_id, 0), count(*), sum(head_count) FROM visits GROUP BY 2, 3;--> statement-breakpoint
INSERT INTO `visit_day_forms` (date, slot_id, form, visits, people)
  SELECT date, coalesce(slot_id, 0), form, count(*), sum(head_count) FROM visits GROUP BY 1, 2, 3;--> statement-breakpoint
-- Whoever writes a visit (registration, a correction, the queue, the demo, an import), the roll-ups
-- follow: the old row is taken out, the new one added, and a group left with no visit removed.
CREATE TRIGGER `visit_day_rollups_insert` AFTER INSERT ON `visits`
BEGIN
  INSERT INTO visit_day_sizes (date, head_count, repeated, visits) VALUES (NEW.date, NEW.head_count, min(NEW.repeat_count, 1), 1)
    ON CONFLICT DO UPDATE SET visits = visits + excluded.visits;
  INSERT INTO visit_day_keys (dimension, date, key, visits, people) VALUES
    ('leader', NEW.date, coalesce(NEW.leader_id, 0), 1, NEW.head_count),
    ('category', NEW.date, coalesce(NEW.category_id, 0), 1, NEW.head_count),
    ('locality', NEW.date, coalesce(NEW.locality_id, 0), 1, NEW.head_count)
    ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
  INSERT INTO visit_day_forms (date, slot_id, form, visits, people) VALUES (NEW.date, coalesce(NEW.slot_id, 0), NEW.form, 1, NEW.head_count)
    ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
END;--> statement-breakpoint
CREATE TRIGGER `visit_day_rollups_update` AFTER UPDATE OF date, head_count, repeat_count, leader_id, category_id, locality_id, slot_id, form ON `visits`
BEGIN
  INSERT INTO visit_day_sizes (date, head_count, repeated, visits) VALUES (OLD.date, OLD.head_count, min(OLD.repeat_count, 1), -1)
    ON CONFLICT DO UPDATE SET visits = visits + excluded.visits;
  INSERT INTO visit_day_keys (dimension, date, key, visits, people) VALUES
    ('leader', OLD.date, coalesce(OLD.leader_id, 0), -1, -OLD.head_count),
    ('category', OLD.date, coalesce(OLD.category_id, 0), -1, -OLD.head_count),
    ('locality', OLD.date, coalesce(OLD.locality_id, 0), -1, -OLD.head_count)
    ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
  INSERT INTO visit_day_forms (date, slot_id, form, visits, people) VALUES (OLD.date, coalesce(OLD.slot_id, 0), OLD.form, -1, -OLD.head_count)
    ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
  DELETE FROM visit_day_sizes WHERE date = OLD.date AND visits = 0;
  DELETE FROM visit_day_keys WHERE dimension IN ('leader', 'category', 'locality') AND date = OLD.date AND visits = 0;
  DELETE FROM visit_day_forms WHERE date = OLD.date AND visits = 0;
  INSERT INTO visit_day_sizes (date, head_count, repeated, visits) VALUES (NEW.date, NEW.head_count, min(NEW.repeat_count, 1), 1)
    ON CONFLICT DO UPDATE SET visits = visits + excluded.visits;
  INSERT INTO visit_day_keys (dimension, date, key, visits, people) VALUES
    ('leader', NEW.date, coalesce(NEW.leader_id, 0), 1, NEW.head_count),
    ('category', NEW.date, coalesce(NEW.category_id, 0), 1, NEW.head_count),
    ('locality', NEW.date, coalesce(NEW.locality_id, 0), 1, NEW.head_count)
    ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
  INSERT INTO visit_day_forms (date, slot_id, form, visits, people) VALUES (NEW.date, coalesce(NEW.slot_id, 0), NEW.form, 1, NEW.head_count)
    ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
END;--> statement-breakpoint
CREATE TRIGGER `visit_day_rollups_delete` AFTER DELETE ON `visits`
BEGIN
  INSERT INTO visit_day_sizes (date, head_count, repeated, visits) VALUES (OLD.date, OLD.head_count, min(OLD.repeat_count, 1), -1)
    ON CONFLICT DO UPDATE SET visits = visits + excluded.visits;
  INSERT INTO visit_day_keys (dimension, date, key, visits, people) VALUES
    ('leader', OLD.date, coalesce(OLD.leader_id, 0), -1, -OLD.head_count),
    ('category', OLD.date, coalesce(OLD.category_id, 0), -1, -OLD.head_count),
    ('locality', OLD.date, coalesce(OLD.locality_id, 0), -1, -OLD.head_count)
    ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
  INSERT INTO visit_day_forms (date, slot_id, form, visits, people) VALUES (OLD.date, coalesce(OLD.slot_id, 0), OLD.form, -1, -OLD.head_count)
    ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
  DELETE FROM visit_day_sizes WHERE date = OLD.date AND visits = 0;
  DELETE FROM visit_day_keys WHERE dimension IN ('leader', 'category', 'locality') AND date = OLD.date AND visits = 0;
  DELETE FROM visit_day_forms WHERE date = OLD.date AND visits = 0;
END;
