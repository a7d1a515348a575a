-- Sessions a user can see and end: where and with what each was started and last refreshed.
alter table user_session add column ip varchar(64);
alter table user_session add column user_agent varchar(256);
alter table user_session add column last_refreshed_at timestamptz;
