ALTER TABLE `documents` ADD `snapshot` text;--> statement-breakpoint
-- Official document numbers (清信访登〔2026〕12号): a store that kept the old default pattern
-- gets the new default for new numbers; numbers already printed stay as they are.
UPDATE `settings` SET `value` = '"{organ}{kind}〔{year}〕{seq}号"'
  WHERE `key` = 'docNumberPattern' AND `value` = '"〔{year}〕第{seq}号"';
--> statement-breakpoint
-- An office's own pattern keeps the 4-digit serial it printed ({seq} now has no leading zeros).
UPDATE `settings` SET `value` = replace(`value`, '{seq}', '{seq:4}')
  WHERE `key` = 'docNumberPattern' AND `value` <> '"{organ}{kind}〔{year}〕{seq}号"';
