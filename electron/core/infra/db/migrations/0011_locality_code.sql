ALTER TABLE `localities` ADD `code` text;--> statement-breakpoint
CREATE UNIQUE INDEX `localities_code` ON `localities` (`code`);