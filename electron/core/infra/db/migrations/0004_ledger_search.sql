-- The ledger (台账): full-text search over each case and its records, the copies on `cases`
-- (names, units, outcome) that let a filter or a sort walk one index, every unit a case was
-- assigned to (case_units) and the count of cases per status and leader (ledger_counts). Triggers keep all
-- of it, whichever code writes (a move, an interview saved as it is typed, the demo
-- generator, a renamed unit). hall_bigrams() is registered on every connection
-- (electron/core/db/connection.ts).
--
-- What a case's search text is: its title and demand, the turns, opinion and response of the
-- interviews of its visits, its assignment instructions, closure findings and follow-up results.
CREATE VIEW `case_search_text` AS
SELECT c.id AS case_id,
  c.title || char(10) || c.demand
  || coalesce(char(10) || (SELECT group_concat(t.text, char(10)) FROM case_visits cv JOIN interviews i ON i.visit_id = cv.visit_id JOIN interview_turns t ON t.interview_id = i.id WHERE cv.case_id = c.id), '')
  || coalesce(char(10) || (SELECT group_concat(i.opinion || char(10) || i.petitioner_response, char(10)) FROM case_visits cv JOIN interviews i ON i.visit_id = cv.visit_id WHERE cv.case_id = c.id), '')
  || coalesce(char(10) || (SELECT group_concat(a.instruction, char(10)) FROM assignments a WHERE a.case_id = c.id), '')
  || coalesce(char(10) || (SELECT group_concat(x.findings, char(10)) FROM closures x WHERE x.case_id = c.id), '')
  || coalesce(char(10) || (SELECT group_concat(f.result, char(10)) FROM follow_ups f WHERE f.case_id = c.id), '')
  AS body
FROM cases c;
--> statement-breakpoint
-- Substrings of three characters and more (trigram); rowid is the case id. Contentless: the
-- text stays in its own tables only.
CREATE VIRTUAL TABLE `case_fts` USING fts5(body, tokenize = 'trigram', content = '', contentless_delete = 1);
--> statement-breakpoint
-- Two-character words (河口, 拆迁): the same text as overlapping pairs ("河口 口镇"), one token each.
CREATE VIRTUAL TABLE `case_fts2` USING fts5(body, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1);
--> statement-breakpoint
CREATE TRIGGER `cases_ledger_insert` AFTER INSERT ON `cases`
BEGIN
  INSERT INTO ledger_counts (status, leader_id, n) VALUES (NEW.status, coalesce(NEW.owning_leader_id, 0), 1) ON CONFLICT (status, leader_id) DO UPDATE SET n = n + (1);
  UPDATE cases SET leader_name = (SELECT name FROM leaders WHERE id = cases.owning_leader_id),
    category_name = (SELECT name FROM categories WHERE id = cases.category_id),
    locality_name = (SELECT name FROM localities WHERE id = cases.locality_id)
  WHERE id = NEW.id;
  DELETE FROM case_fts WHERE rowid = NEW.id;
  DELETE FROM case_fts2 WHERE rowid = NEW.id;
  INSERT INTO case_fts (rowid, body) SELECT case_id, body FROM case_search_text WHERE case_id = NEW.id;
  INSERT INTO case_fts2 (rowid, body) SELECT case_id, hall_bigrams(body) FROM case_search_text WHERE case_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `cases_ledger_names` AFTER UPDATE OF owning_leader_id, category_id, locality_id ON `cases`
BEGIN
  UPDATE cases SET leader_name = (SELECT name FROM leaders WHERE id = cases.owning_leader_id),
    category_name = (SELECT name FROM categories WHERE id = cases.category_id),
    locality_name = (SELECT name FROM localities WHERE id = cases.locality_id)
  WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `cases_ledger_counts` AFTER UPDATE OF status, owning_leader_id ON `cases`
BEGIN
  INSERT INTO ledger_counts (status, leader_id, n) VALUES (OLD.status, coalesce(OLD.owning_leader_id, 0), -1) ON CONFLICT (status, leader_id) DO UPDATE SET n = n + (-1);
  INSERT INTO ledger_counts (status, leader_id, n) VALUES (NEW.status, coalesce(NEW.owning_leader_id, 0), 1) ON CONFLICT (status, leader_id) DO UPDATE SET n = n + (1);
END;
--> statement-breakpoint
CREATE TRIGGER `cases_ledger_text` AFTER UPDATE OF title, demand ON `cases`
BEGIN
  DELETE FROM case_fts WHERE rowid = NEW.id;
  DELETE FROM case_fts2 WHERE rowid = NEW.id;
  INSERT INTO case_fts (rowid, body) SELECT case_id, body FROM case_search_text WHERE case_id = NEW.id;
  INSERT INTO case_fts2 (rowid, body) SELECT case_id, hall_bigrams(body) FROM case_search_text WHERE case_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `cases_ledger_delete` AFTER DELETE ON `cases`
BEGIN
  INSERT INTO ledger_counts (status, leader_id, n) VALUES (OLD.status, coalesce(OLD.owning_leader_id, 0), -1) ON CONFLICT (status, leader_id) DO UPDATE SET n = n + (-1);
  DELETE FROM case_units WHERE case_id = OLD.id;
  DELETE FROM case_fts WHERE rowid = OLD.id;
  DELETE FROM case_fts2 WHERE rowid = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `case_visits_ledger` AFTER INSERT ON `case_visits`
BEGIN
  DELETE FROM case_fts WHERE rowid = NEW.case_id;
  DELETE FROM case_fts2 WHERE rowid = NEW.case_id;
  INSERT INTO case_fts (rowid, body) SELECT case_id, body FROM case_search_text WHERE case_id = NEW.case_id;
  INSERT INTO case_fts2 (rowid, body) SELECT case_id, hall_bigrams(body) FROM case_search_text WHERE case_id = NEW.case_id;
END;
--> statement-breakpoint
CREATE TRIGGER `interviews_ledger` AFTER UPDATE OF opinion, petitioner_response ON `interviews`
BEGIN
  DELETE FROM case_fts WHERE rowid = (SELECT cv.case_id FROM case_visits cv WHERE cv.visit_id = NEW.visit_id LIMIT 1);
  DELETE FROM case_fts2 WHERE rowid = (SELECT cv.case_id FROM case_visits cv WHERE cv.visit_id = NEW.visit_id LIMIT 1);
  INSERT INTO case_fts (rowid, body) SELECT case_id, body FROM case_search_text WHERE case_id = (SELECT cv.case_id FROM case_visits cv WHERE cv.visit_id = NEW.visit_id LIMIT 1);
  INSERT INTO case_fts2 (rowid, body) SELECT case_id, hall_bigrams(body) FROM case_search_text WHERE case_id = (SELECT cv.case_id FROM case_visits cv WHERE cv.visit_id = NEW.visit_id LIMIT 1);
END;
--> statement-breakpoint
CREATE TRIGGER `interview_turns_ledger_insert` AFTER INSERT ON `interview_turns`
BEGIN
  DELETE FROM case_fts WHERE rowid = (SELECT cv.case_id FROM interviews i JOIN case_visits cv ON cv.visit_id = i.visit_id WHERE i.id = NEW.interview_id LIMIT 1);
  DELETE FROM case_fts2 WHERE rowid = (SELECT cv.case_id FROM interviews i JOIN case_visits cv ON cv.visit_id = i.visit_id WHERE i.id = NEW.interview_id LIMIT 1);
  INSERT INTO case_fts (rowid, body) SELECT case_id, body FROM case_search_text WHERE case_id = (SELECT cv.case_id FROM interviews i JOIN case_visits cv ON cv.visit_id = i.visit_id WHERE i.id = NEW.interview_id LIMIT 1);
  INSERT INTO case_fts2 (rowid, body) SELECT case_id, hall_bigrams(body) FROM case_search_text WHERE case_id = (SELECT cv.case_id FROM interviews i JOIN case_visits cv ON cv.visit_id = i.visit_id WHERE i.id = NEW.interview_id LIMIT 1);
END;
--> statement-breakpoint
CREATE TRIGGER `interview_turns_ledger_delete` AFTER DELETE ON `interview_turns`
BEGIN
  DELETE FROM case_fts WHERE rowid = (SELECT cv.case_id FROM interviews i JOIN case_visits cv ON cv.visit_id = i.visit_id WHERE i.id = OLD.interview_id LIMIT 1);
  DELETE FROM case_fts2 WHERE rowid = (SELECT cv.case_id FROM interviews i JOIN case_visits cv ON cv.visit_id = i.visit_id WHERE i.id = OLD.interview_id LIMIT 1);
  INSERT INTO case_fts (rowid, body) SELECT case_id, body FROM case_search_text WHERE case_id = (SELECT cv.case_id FROM interviews i JOIN case_visits cv ON cv.visit_id = i.visit_id WHERE i.id = OLD.interview_id LIMIT 1);
  INSERT INTO case_fts2 (rowid, body) SELECT case_id, hall_bigrams(body) FROM case_search_text WHERE case_id = (SELECT cv.case_id FROM interviews i JOIN case_visits cv ON cv.visit_id = i.visit_id WHERE i.id = OLD.interview_id LIMIT 1);
END;
--> statement-breakpoint
CREATE TRIGGER `interview_turns_ledger_update` AFTER UPDATE OF text ON `interview_turns`
BEGIN
  DELETE FROM case_fts WHERE rowid = (SELECT cv.case_id FROM interviews i JOIN case_visits cv ON cv.visit_id = i.visit_id WHERE i.id = NEW.interview_id LIMIT 1);
  DELETE FROM case_fts2 WHERE rowid = (SELECT cv.case_id FROM interviews i JOIN case_visits cv ON cv.visit_id = i.visit_id WHERE i.id = NEW.interview_id LIMIT 1);
  INSERT INTO case_fts (rowid, body) SELECT case_id, body FROM case_search_text WHERE case_id = (SELECT cv.case_id FROM interviews i JOIN case_visits cv ON cv.visit_id = i.visit_id WHERE i.id = NEW.interview_id LIMIT 1);
  INSERT INTO case_fts2 (rowid, body) SELECT case_id, hall_bigrams(body) FROM case_search_text WHERE case_id = (SELECT cv.case_id FROM interviews i JOIN case_visits cv ON cv.visit_id = i.visit_id WHERE i.id = NEW.interview_id LIMIT 1);
END;
--> statement-breakpoint
CREATE TRIGGER `assignments_ledger_insert` AFTER INSERT ON `assignments`
BEGIN
  DELETE FROM case_fts WHERE rowid = NEW.case_id;
  DELETE FROM case_fts2 WHERE rowid = NEW.case_id;
  INSERT INTO case_fts (rowid, body) SELECT case_id, body FROM case_search_text WHERE case_id = NEW.case_id;
  INSERT INTO case_fts2 (rowid, body) SELECT case_id, hall_bigrams(body) FROM case_search_text WHERE case_id = NEW.case_id;
END;
--> statement-breakpoint
CREATE TRIGGER `assignments_ledger_update` AFTER UPDATE OF instruction ON `assignments`
BEGIN
  DELETE FROM case_fts WHERE rowid = NEW.case_id;
  DELETE FROM case_fts2 WHERE rowid = NEW.case_id;
  INSERT INTO case_fts (rowid, body) SELECT case_id, body FROM case_search_text WHERE case_id = NEW.case_id;
  INSERT INTO case_fts2 (rowid, body) SELECT case_id, hall_bigrams(body) FROM case_search_text WHERE case_id = NEW.case_id;
END;
--> statement-breakpoint
CREATE TRIGGER `assignment_units_ledger_insert` AFTER INSERT ON `assignment_units`
BEGIN
  INSERT OR IGNORE INTO case_units (unit_id, case_id) SELECT NEW.unit_id, case_id FROM assignments WHERE id = NEW.assignment_id;
  UPDATE cases SET lead_unit_id = (SELECT au.unit_id FROM assignment_units au WHERE au.assignment_id = (SELECT max(a.id) FROM assignments a WHERE a.case_id = cases.id) AND au.role = 'lead'),
    units_label = (SELECT group_concat(u.name, '、' ORDER BY au.role = 'assist', au.rowid) FROM assignment_units au JOIN units u ON u.id = au.unit_id WHERE au.assignment_id = (SELECT max(a.id) FROM assignments a WHERE a.case_id = cases.id))
  WHERE id = (SELECT case_id FROM assignments WHERE id = NEW.assignment_id);
END;
--> statement-breakpoint
CREATE TRIGGER `assignment_units_ledger_delete` AFTER DELETE ON `assignment_units`
BEGIN
  DELETE FROM case_units WHERE unit_id = OLD.unit_id AND case_id = (SELECT case_id FROM assignments WHERE id = OLD.assignment_id)
    AND NOT EXISTS (SELECT 1 FROM assignment_units au JOIN assignments a ON a.id = au.assignment_id
                    WHERE au.unit_id = OLD.unit_id AND a.case_id = (SELECT case_id FROM assignments WHERE id = OLD.assignment_id));
  UPDATE cases SET lead_unit_id = (SELECT au.unit_id FROM assignment_units au WHERE au.assignment_id = (SELECT max(a.id) FROM assignments a WHERE a.case_id = cases.id) AND au.role = 'lead'),
    units_label = (SELECT group_concat(u.name, '、' ORDER BY au.role = 'assist', au.rowid) FROM assignment_units au JOIN units u ON u.id = au.unit_id WHERE au.assignment_id = (SELECT max(a.id) FROM assignments a WHERE a.case_id = cases.id))
  WHERE id = (SELECT case_id FROM assignments WHERE id = OLD.assignment_id);
END;
--> statement-breakpoint
CREATE TRIGGER `closures_ledger_insert` AFTER INSERT ON `closures`
BEGIN
  UPDATE cases SET outcome = (SELECT x.outcome FROM closures x WHERE x.case_id = cases.id ORDER BY x.id DESC LIMIT 1) WHERE id = NEW.case_id;
  DELETE FROM case_fts WHERE rowid = NEW.case_id;
  DELETE FROM case_fts2 WHERE rowid = NEW.case_id;
  INSERT INTO case_fts (rowid, body) SELECT case_id, body FROM case_search_text WHERE case_id = NEW.case_id;
  INSERT INTO case_fts2 (rowid, body) SELECT case_id, hall_bigrams(body) FROM case_search_text WHERE case_id = NEW.case_id;
END;
--> statement-breakpoint
CREATE TRIGGER `closures_ledger_update` AFTER UPDATE OF findings, outcome ON `closures`
BEGIN
  UPDATE cases SET outcome = (SELECT x.outcome FROM closures x WHERE x.case_id = cases.id ORDER BY x.id DESC LIMIT 1) WHERE id = NEW.case_id;
  DELETE FROM case_fts WHERE rowid = NEW.case_id;
  DELETE FROM case_fts2 WHERE rowid = NEW.case_id;
  INSERT INTO case_fts (rowid, body) SELECT case_id, body FROM case_search_text WHERE case_id = NEW.case_id;
  INSERT INTO case_fts2 (rowid, body) SELECT case_id, hall_bigrams(body) FROM case_search_text WHERE case_id = NEW.case_id;
END;
--> statement-breakpoint
CREATE TRIGGER `follow_ups_ledger_insert` AFTER INSERT ON `follow_ups`
BEGIN
  DELETE FROM case_fts WHERE rowid = NEW.case_id;
  DELETE FROM case_fts2 WHERE rowid = NEW.case_id;
  INSERT INTO case_fts (rowid, body) SELECT case_id, body FROM case_search_text WHERE case_id = NEW.case_id;
  INSERT INTO case_fts2 (rowid, body) SELECT case_id, hall_bigrams(body) FROM case_search_text WHERE case_id = NEW.case_id;
END;
--> statement-breakpoint
CREATE TRIGGER `follow_ups_ledger_update` AFTER UPDATE OF result ON `follow_ups`
BEGIN
  DELETE FROM case_fts WHERE rowid = NEW.case_id;
  DELETE FROM case_fts2 WHERE rowid = NEW.case_id;
  INSERT INTO case_fts (rowid, body) SELECT case_id, body FROM case_search_text WHERE case_id = NEW.case_id;
  INSERT INTO case_fts2 (rowid, body) SELECT case_id, hall_bigrams(body) FROM case_search_text WHERE case_id = NEW.case_id;
END;
--> statement-breakpoint
CREATE TRIGGER `leaders_ledger_rename` AFTER UPDATE OF name ON `leaders`
BEGIN
  UPDATE cases SET leader_name = NEW.name WHERE owning_leader_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `categories_ledger_rename` AFTER UPDATE OF name ON `categories`
BEGIN
  UPDATE cases SET category_name = NEW.name WHERE category_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `localities_ledger_rename` AFTER UPDATE OF name ON `localities`
BEGIN
  UPDATE cases SET locality_name = NEW.name WHERE locality_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `units_ledger_rename` AFTER UPDATE OF name ON `units`
BEGIN
  UPDATE cases SET lead_unit_id = (SELECT au.unit_id FROM assignment_units au WHERE au.assignment_id = (SELECT max(a.id) FROM assignments a WHERE a.case_id = cases.id) AND au.role = 'lead'),
    units_label = (SELECT group_concat(u.name, '、' ORDER BY au.role = 'assist', au.rowid) FROM assignment_units au JOIN units u ON u.id = au.unit_id WHERE au.assignment_id = (SELECT max(a.id) FROM assignments a WHERE a.case_id = cases.id))
  WHERE id IN (SELECT a.case_id FROM assignment_units au JOIN assignments a ON a.id = au.assignment_id WHERE au.unit_id = NEW.id);
END;
--> statement-breakpoint
-- Existing cases.
UPDATE cases SET leader_name = (SELECT name FROM leaders WHERE id = cases.owning_leader_id),
    category_name = (SELECT name FROM categories WHERE id = cases.category_id),
    locality_name = (SELECT name FROM localities WHERE id = cases.locality_id),
    lead_unit_id = (SELECT au.unit_id FROM assignment_units au WHERE au.assignment_id = (SELECT max(a.id) FROM assignments a WHERE a.case_id = cases.id) AND au.role = 'lead'),
    units_label = (SELECT group_concat(u.name, '、' ORDER BY au.role = 'assist', au.rowid) FROM assignment_units au JOIN units u ON u.id = au.unit_id WHERE au.assignment_id = (SELECT max(a.id) FROM assignments a WHERE a.case_id = cases.id)),
    outcome = (SELECT x.outcome FROM closures x WHERE x.case_id = cases.id ORDER BY x.id DESC LIMIT 1);
--> statement-breakpoint
INSERT INTO case_units (unit_id, case_id) SELECT DISTINCT au.unit_id, a.case_id FROM assignment_units au JOIN assignments a ON a.id = au.assignment_id;
--> statement-breakpoint
INSERT INTO ledger_counts (status, leader_id, n) SELECT status, coalesce(owning_leader_id, 0), count(*) FROM cases GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO case_fts (rowid, body) SELECT case_id, body FROM case_search_text;
--> statement-breakpoint
INSERT INTO case_fts2 (rowid, body) SELECT case_id, hall_bigrams(body) FROM case_search_text;
