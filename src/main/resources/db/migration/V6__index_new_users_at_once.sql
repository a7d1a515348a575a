-- New and renamed users went to the trigram indexes' pending lists, which every admin name search reads
-- through in full until autovacuum merges them (for a million users, only after 200,000 inserts): after a
-- burst of sign-ups a search took 15 ms instead of 1.7 ms (bench/RESULTS.md). Index them as they come.
alter index ix_app_user_nickname_trgm set (fastupdate = off);
alter index ix_app_user_username_trgm set (fastupdate = off);
select gin_clean_pending_list('ix_app_user_nickname_trgm'::regclass);
select gin_clean_pending_list('ix_app_user_username_trgm'::regclass);
