-- Users brought in from the system the user center replaces (contract 9.2).
-- Imported password hashes are kept in their own formats behind a {algorithm} prefix until the first right
-- password replaces them; a PBKDF2 hash with its salt and parameters may be longer than 255 characters.
alter table app_user alter column password_hash type varchar(1024);

-- Which lines of an import file are in: a line whose external id is here is skipped, so a file cut in the
-- middle can be sent again whole. No foreign key: the record outlives an erased account, so sending the same
-- file again after an erasure does not bring the person back.
create table user_import (
    external_id     varchar(128) not null,
    user_id         bigint       not null,
    imported_at     timestamptz  not null,
    constraint pk_user_import primary key (external_id)
);
