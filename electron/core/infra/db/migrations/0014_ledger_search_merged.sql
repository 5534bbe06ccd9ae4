-- The ledger's two search indexes merged into one segment each (FTS5 'optimize'). Filled in
-- one statement by 0004 (or grown a case at a time), an index is a stack of segments, and a
-- search that looks a case up in it ("is case 123 a hit?", what a page of a common word does,
-- electron/core/ledger/query.ts) seeks once per segment and word: on 1,000,000 cases nine
-- segments made 50 lookups take 150 ms, one segment 1.3 ms. Later writes add small segments,
-- which FTS5's automerge folds together; the big one stays whole.
INSERT INTO `case_fts` (`case_fts`) VALUES ('optimize');
--> statement-breakpoint
INSERT INTO `case_fts2` (`case_fts2`) VALUES ('optimize');
