ALTER TABLE `closures` ADD `delivered_on` text;--> statement-breakpoint
ALTER TABLE `reviews` ADD `delivered_on` text;